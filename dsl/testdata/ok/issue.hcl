simulation {
  dt       = 0.1 # ms
  duration = 200 # ms
  seed     = 7
  workers  = 0 # 0 = all cores
}

variable "n" {
  default = 10
}

locals {
  n_inh = var.n / 4
}

population "exc" {
  model         = "elif" # any model of neurons/, by its lower-case name
  n             = var.n  # or: shape = [28, 28]
  threshold     = -52
  theta_rh      = -60
  delta_t       = 1
  refrac_length = 5
  is_inhibitory = false
  learning      = true
  v_init        = uniform(-62, -55) # or a number
}

population "inh" {
  model         = "lif"
  n             = floor(local.n_inh)
  is_inhibitory = true
}

population "noise" {
  model = "poisson"
  n     = 100
  rate  = 20 # Hz, one value or one per neuron
}

population "cue" {
  model       = "spike_generator"
  n           = 2
  spike_times = [[10, 20.5], [15]] # ms, one list per neuron
}

synapse "noise_exc" {
  from    = population.noise
  to      = population.exc
  connect = "random" # dense | random | fixed_indegree | one_to_one | list
  p       = 0.1
  weight  = uniform(0, 0.5) # or a number
  delay   = 1.5             # ms; default one step
  kernel  = "exponential"   # delta | exponential | conductance
  tau     = 5
}

synapse "exc_inh" {
  from   = population.exc
  to     = population.inh
  weight = 0.5
}

synapse "inh_exc" {
  from    = population.inh
  to      = population.exc
  connect = "fixed_indegree"
  k       = 2
  weight  = 1
}

stimulus "drive" {
  target  = population.exc
  current = 0.6 # the same current x into every neuron, every step
}

stimulus "pulse" {
  target = population.exc
  steps  = [{ start = 50, stop = 100, amplitude = 1.2 }] # ms
}

monitor "exc" {
  target    = population.exc
  variables = ["s", "v"] # s = spikes; any state variable by its seed name
  every     = 1          # record every step (ms: 0.1 would be the same here)
}
