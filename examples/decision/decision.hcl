# Decision making by competition (the seed's phase 4): two excitatory
# populations, a and b, each excite themselves and a shared inhibitory
# population, which inhibits both. Each receives its own Poisson input;
# the one with the stronger input fires more, and through the inhibition
# silences the other.

variable "rate_a" {
  description = "rate of the Poisson neurons driving population a, Hz"
  default     = 24
}

variable "rate_b" {
  description = "rate of the Poisson neurons driving population b, Hz"
  default     = 18
}

simulation {
  dt       = 0.1 # ms
  duration = 500 # ms
  seed     = 4
}

locals {
  # Parameters shared by the excitatory populations.
  exc = {
    n             = 200
    threshold     = -50 # mV
    rest_pot      = -60 # mV
    reset_pot     = -60 # mV
    refrac_length = 2   # ms
    tau_m         = 20  # ms
  }
}

population "a" {
  model         = "lif"
  n             = local.exc.n
  threshold     = local.exc.threshold
  rest_pot      = local.exc.rest_pot
  reset_pot     = local.exc.reset_pot
  refrac_length = local.exc.refrac_length
  tau_m         = local.exc.tau_m
  R             = 1
  spike_trace   = false
  v_init        = uniform(-60, -50)
}

population "b" {
  model         = "lif"
  n             = local.exc.n
  threshold     = local.exc.threshold
  rest_pot      = local.exc.rest_pot
  reset_pot     = local.exc.reset_pot
  refrac_length = local.exc.refrac_length
  tau_m         = local.exc.tau_m
  R             = 1
  spike_trace   = false
  v_init        = uniform(-60, -50)
}

population "inh" {
  model         = "lif"
  n             = 100
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

population "input_a" {
  model = "poisson"
  n     = 500
  rate  = var.rate_a # Hz
}

population "input_b" {
  model = "poisson"
  n     = 500
  rate  = var.rate_b # Hz
}

synapse "input_a_a" {
  from    = population.input_a
  to      = population.a
  connect = "fixed_indegree"
  k       = 50
  weight  = 2.5
  kernel  = "exponential"
  tau     = 5 # ms
}

synapse "input_b_b" {
  from    = population.input_b
  to      = population.b
  connect = "fixed_indegree"
  k       = 50
  weight  = 2.5
  kernel  = "exponential"
  tau     = 5 # ms
}

synapse "a_a" {
  from    = population.a
  to      = population.a
  connect = "random"
  p       = 0.1
  weight  = 0.5
  delay   = 1 # ms
  kernel  = "exponential"
  tau     = 5 # ms
}

synapse "b_b" {
  from    = population.b
  to      = population.b
  connect = "random"
  p       = 0.1
  weight  = 0.5
  delay   = 1 # ms
  kernel  = "exponential"
  tau     = 5 # ms
}

synapse "a_inh" {
  from    = population.a
  to      = population.inh
  connect = "random"
  p       = 0.2
  weight  = 1
  delay   = 1 # ms
  kernel  = "exponential"
  tau     = 5 # ms
}

synapse "b_inh" {
  from    = population.b
  to      = population.inh
  connect = "random"
  p       = 0.2
  weight  = 1
  delay   = 1 # ms
  kernel  = "exponential"
  tau     = 5 # ms
}

synapse "inh_a" {
  from    = population.inh
  to      = population.a
  connect = "random"
  p       = 0.3
  weight  = 3
  delay   = 1 # ms
  kernel  = "exponential"
  tau     = 10 # ms
}

synapse "inh_b" {
  from    = population.inh
  to      = population.b
  connect = "random"
  p       = 0.3
  weight  = 3
  delay   = 1 # ms
  kernel  = "exponential"
  tau     = 10 # ms
}

monitor "a" {
  target = population.a
}

monitor "b" {
  target = population.b
}

monitor "inh" {
  target = population.inh
}
