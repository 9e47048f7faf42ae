# The CUBA benchmark network (Brette et al. 2007, benchmark 2, in the form
# of Brian2's examples/CUBA.py), scaled: n leaky integrate-and-fire
# neurons, 80 % excitatory and 20 % inhibitory, connected at random with
# probability 0.02, with exponentially decaying synaptic currents. With
# n = 4000 (the default) it is examples/cuba/cuba.hcl; with n = 20000 it
# has 8*10^6 synapses. bench/compare.sh runs it against
# bench/brian2/cuba.py --n N.

variable "n" {
  description = "number of neurons; 80% excitatory, 20% inhibitory"
  default     = 4000
}

simulation {
  dt       = 0.1  # ms
  duration = 1000 # ms
  seed     = 1
}

locals {
  n_exc = floor(0.8 * var.n)
  # tau_m dv/dt = -(v - rest) + ge + gi, potentials in mV, R = 1.
  neuron = {
    threshold     = -50 # mV
    reset_pot     = -60 # mV
    rest_pot      = -49 # mV
    refrac_length = 5   # ms
    tau_m         = 20  # ms
  }
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
  v_init        = uniform(-60, -50)
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
  v_init        = uniform(-60, -50)
}

synapse "ee" {
  from    = population.exc
  to      = population.exc
  connect = "random"
  p       = 0.02
  weight  = 1.62
  kernel  = "exponential"
  tau     = 5 # ms
}

synapse "ei" {
  from    = population.exc
  to      = population.inh
  connect = "random"
  p       = 0.02
  weight  = 1.62
  kernel  = "exponential"
  tau     = 5 # ms
}

synapse "ie" {
  from    = population.inh
  to      = population.exc
  connect = "random"
  p       = 0.02
  weight  = 9
  kernel  = "exponential"
  tau     = 10 # ms
}

synapse "ii" {
  from    = population.inh
  to      = population.inh
  connect = "random"
  p       = 0.02
  weight  = 9
  kernel  = "exponential"
  tau     = 10 # ms
}
