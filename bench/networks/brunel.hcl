# The sparsely connected network of Brunel (2000), "Dynamics of sparsely
# connected networks of excitatory and inhibitory spiking neurons",
# J. Comput. Neurosci. 8:183-208, in the form of Brian2's example
# frompapers/Brunel_2000.py (g = 6, nu_ext = 4 nu_thr), as bench/brunel
# builds it in Go: 10 000 LIF neurons (8000 excitatory, 2000 inhibitory)
# connected with probability 0.1 without autapses (about 10^7 synapses),
# every spike a jump of the target's potential (J = 0.1 mV excitatory,
# -g*J inhibitory) 1.5 ms later, and a Poisson background of 1000 sources
# of 40 Hz per neuron (poisson_input, Brian2's PoissonInput) whose spikes
# are jumps of J. bench/compare.sh runs it against bench/brian2/brunel.py.

variable "n" {
  description = "number of neurons; 80% excitatory, 20% inhibitory"
  default     = 10000
}

simulation {
  dt       = 0.1  # ms
  duration = 1000 # ms
  seed     = 1
}

locals {
  n_exc = floor(0.8 * var.n)
  # tau dv/dt = -v, theta = 20 mV, V_r = 10 mV, tau_rp = 2 ms
  neuron = {
    threshold     = 20 # mV
    reset_pot     = 10 # mV
    rest_pot      = 0  # mV
    refrac_length = 2  # ms
    tau_m         = 20 # ms
  }
  j = 0.1 # mV
  g = 6
}

population "exc" {
  model         = "lif"
  n             = local.n_exc
  threshold     = local.neuron.threshold
  reset_pot     = local.neuron.reset_pot
  rest_pot      = local.neuron.rest_pot
  refrac_length = local.neuron.refrac_length
  tau_m         = local.neuron.tau_m
  R             = 1
  method        = "exact"
  spike_trace   = false
  v_init        = 0
}

stimulus "bg_exc" {
  target        = population.exc
  poisson_input = { n = 1000, rate = 40, weight = local.j } # sources, Hz, mV
}

population "inh" {
  model         = "lif"
  n             = var.n - local.n_exc
  threshold     = local.neuron.threshold
  reset_pot     = local.neuron.reset_pot
  rest_pot      = local.neuron.rest_pot
  refrac_length = local.neuron.refrac_length
  tau_m         = local.neuron.tau_m
  R             = 1
  method        = "exact"
  spike_trace   = false
  is_inhibitory = true
  v_init        = 0
}

stimulus "bg_inh" {
  target        = population.inh
  poisson_input = { n = 1000, rate = 40, weight = local.j } # sources, Hz, mV
}

synapse "ee" {
  from    = population.exc
  to      = population.exc
  connect = "random"
  p       = 0.1
  weight  = local.j
  kernel  = "delta"
  delay   = 1.5 # ms
}

synapse "ei" {
  from    = population.exc
  to      = population.inh
  connect = "random"
  p       = 0.1
  weight  = local.j
  kernel  = "delta"
  delay   = 1.5 # ms
}

synapse "ie" {
  from    = population.inh
  to      = population.exc
  connect = "random"
  p       = 0.1
  weight  = local.g * local.j
  kernel  = "delta"
  delay   = 1.5 # ms
}

synapse "ii" {
  from    = population.inh
  to      = population.inh
  connect = "random"
  p       = 0.1
  weight  = local.g * local.j
  kernel  = "delta"
  delay   = 1.5 # ms
}
