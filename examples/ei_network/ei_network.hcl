# A randomly connected network of 80% excitatory and 20% inhibitory leaky
# integrate-and-fire neurons driven by Poisson noise (the seed's phase 3).

variable "n" {
  description = "number of neurons; 80% excitatory, 20% inhibitory"
  default     = 1000
}

variable "input_rate" {
  description = "rate of each Poisson input neuron, Hz"
  default     = 10
}

locals {
  n_exc = floor(0.8 * var.n)
  n_inh = var.n - local.n_exc
}

simulation {
  dt       = 0.1 # ms
  duration = 500 # ms
  seed     = 3
}

population "exc" {
  model         = "lif"
  n             = local.n_exc
  threshold     = -50 # mV
  rest_pot      = -60 # mV
  reset_pot     = -60 # mV
  refrac_length = 2   # ms
  tau_m         = 20  # ms
  R             = 1
  spike_trace   = false
  v_init        = uniform(-60, -50)
}

population "inh" {
  model         = "lif"
  n             = local.n_inh
  threshold     = -50 # mV
  rest_pot      = -60 # mV
  reset_pot     = -60 # mV
  refrac_length = 1   # ms
  tau_m         = 10  # ms
  R             = 1
  spike_trace   = false
  is_inhibitory = true
  v_init        = uniform(-60, -50)
}

population "noise" {
  model = "poisson"
  n     = 1000
  rate  = var.input_rate # Hz
}

synapse "noise_exc" {
  from    = population.noise
  to      = population.exc
  connect = "random"
  p       = 0.1
  weight  = 2.5
  kernel  = "exponential"
  tau     = 5 # ms
}

synapse "noise_inh" {
  from    = population.noise
  to      = population.inh
  connect = "random"
  p       = 0.1
  weight  = 2.5
  kernel  = "exponential"
  tau     = 5 # ms
}

synapse "exc_exc" {
  from    = population.exc
  to      = population.exc
  connect = "random"
  p       = 0.05
  weight  = uniform(0, 1)
  delay   = 1.5 # ms
  kernel  = "exponential"
  tau     = 5 # ms
}

synapse "exc_inh" {
  from    = population.exc
  to      = population.inh
  connect = "random"
  p       = 0.05
  weight  = uniform(0, 1)
  delay   = 1.5 # ms
  kernel  = "exponential"
  tau     = 5 # ms
}

synapse "inh_exc" {
  from    = population.inh
  to      = population.exc
  connect = "random"
  p       = 0.1
  weight  = uniform(0, 4)
  delay   = 0.8 # ms
  kernel  = "exponential"
  tau     = 10 # ms
}

synapse "inh_inh" {
  from    = population.inh
  to      = population.inh
  connect = "random"
  p       = 0.1
  weight  = uniform(0, 4)
  delay   = 0.8 # ms
  kernel  = "exponential"
  tau     = 10 # ms
}

monitor "exc" {
  target = population.exc
}

monitor "inh" {
  target = population.inh
}

monitor "exc_v" {
  target    = population.exc
  variables = ["v"]
  indices   = [0, 1, 2]
}
