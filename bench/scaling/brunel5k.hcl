# The Brunel (2000)-like network of docs/scaling.md: 4000 excitatory and
# 1000 inhibitory LIF neurons, p = 0.05, delta synapses with a 1.5 ms delay,
# external Poisson drive; run with -var g=8 for the numbers there.
variable "g" {
  default = 5
}

simulation {
  dt       = 0.1
  duration = 500
  seed     = 1
}

population "exc" {
  model         = "lif"
  n             = 4000
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
  n             = 1000
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

population "ext" {
  model = "poisson"
  n     = 1000
  rate  = 20
}

synapse "ext_e" {
  from    = population.ext
  to      = population.exc
  connect = "random"
  p       = 0.1
  weight  = 1.2
}

synapse "ext_i" {
  from    = population.ext
  to      = population.inh
  connect = "random"
  p       = 0.1
  weight  = 1.2
}

synapse "ee" {
  from    = population.exc
  to      = population.exc
  connect = "random"
  p       = 0.05
  weight  = 0.2
  delay   = 1.5
}

synapse "ei" {
  from    = population.exc
  to      = population.inh
  connect = "random"
  p       = 0.05
  weight  = 0.2
  delay   = 1.5
}

synapse "ie" {
  from    = population.inh
  to      = population.exc
  connect = "random"
  p       = 0.05
  weight  = 0.2 * var.g
  delay   = 1.5
}

synapse "ii" {
  from    = population.inh
  to      = population.inh
  connect = "random"
  p       = 0.05
  weight  = 0.2 * var.g
  delay   = 1.5
}
