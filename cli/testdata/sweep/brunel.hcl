# A small Brunel (2000) network for sweeps: excitatory and inhibitory
# leaky integrate-and-fire neurons with a 1.5 ms delay, driven by Poisson
# input. g is the relative strength of inhibition, nu the input rate
# relative to the rate that brings a neuron to threshold (about 10 Hz
# here).

variable "g" {
  description = "inhibitory weight relative to the excitatory one"
  default     = 5
}

variable "nu" {
  description = "input rate, relative to threshold rate"
  default     = 2
}

simulation {
  dt       = 0.1
  duration = 50
  seed     = 4
}

population "exc" {
  model         = "lif"
  n             = 80
  threshold     = -50
  rest_pot      = -70
  reset_pot     = -60
  refrac_length = 2
  tau_m         = 20
  R             = 1
  spike_trace   = false
  v_init        = uniform(-70, -50)
}

population "inh" {
  model         = "lif"
  n             = 20
  threshold     = -50
  rest_pot      = -70
  reset_pot     = -60
  refrac_length = 2
  tau_m         = 20
  R             = 1
  spike_trace   = false
  is_inhibitory = true
  v_init        = uniform(-70, -50)
}

population "input" {
  model = "poisson"
  n     = 100
  rate  = 10 * var.nu
}

synapse "in_exc" {
  from    = population.input
  to      = population.exc
  connect = "random"
  p       = 0.2
  weight  = 3
}

synapse "in_inh" {
  from    = population.input
  to      = population.inh
  connect = "random"
  p       = 0.2
  weight  = 3
}

synapse "exc_all_e" {
  from    = population.exc
  to      = population.exc
  connect = "random"
  p       = 0.1
  weight  = 1
  delay   = 1.5
}

synapse "exc_all_i" {
  from    = population.exc
  to      = population.inh
  connect = "random"
  p       = 0.1
  weight  = 1
  delay   = 1.5
}

synapse "inh_all_e" {
  from    = population.inh
  to      = population.exc
  connect = "random"
  p       = 0.1
  weight  = 1 * var.g
  delay   = 1.5
}

synapse "inh_all_i" {
  from    = population.inh
  to      = population.inh
  connect = "random"
  p       = 0.1
  weight  = 1 * var.g
  delay   = 1.5
}

monitor "exc" {
  target = population.exc
}

monitor "inh" {
  target = population.inh
}

sweep {
  grid {
    g  = [4, 6]
    nu = [1, 2]
  }
  seeds = [1, 2]
}
