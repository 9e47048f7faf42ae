# A tiny network with the variables of a Brunel sweep (g, nu), for the
# tests of netrun sweep.

variable "g" {
  default = 5
}

variable "nu" {
  default = 2
  validation {
    condition     = var.nu > 0
    error_message = "nu must be positive."
  }
}

simulation {
  dt       = 0.5
  duration = 10
}

population "exc" {
  model         = "lif"
  n             = 8
  threshold     = -50
  rest_pot      = -70
  reset_pot     = -60
  refrac_length = 1
  tau_m         = 10
  R             = 1
  spike_trace   = false
  v_init        = uniform(-70, -50)
}

population "inh" {
  model         = "lif"
  n             = 2
  threshold     = -50
  rest_pot      = -70
  reset_pot     = -60
  refrac_length = 1
  tau_m         = 10
  R             = 1
  spike_trace   = false
  is_inhibitory = true
  v_init        = uniform(-70, -50)
}

population "input" {
  model = "poisson"
  n     = 10
  rate  = 50 * var.nu
}

synapse "in" {
  from    = population.input
  to      = population.exc
  connect = "random"
  p       = 0.5
  weight  = 4
}

synapse "ie" {
  from    = population.inh
  to      = population.exc
  connect = "dense"
  weight  = var.g
  delay   = 1
}

synapse "ei" {
  from    = population.exc
  to      = population.inh
  connect = "dense"
  weight  = 2
  delay   = 1
}

monitor "exc" {
  target = population.exc
}
