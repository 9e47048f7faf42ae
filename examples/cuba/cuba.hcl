# The CUBA benchmark network (Brette et al. 2007, benchmark 2, in the form
# of Brian2's examples/CUBA.py): 4000 leaky integrate-and-fire neurons,
# 3200 excitatory and 800 inhibitory, connected at random with probability
# 0.02, with exponentially decaying synaptic currents. This is the network
# of the speed measurements; bench/cuba builds the same network in Go.

simulation {
  dt       = 0.1  # ms
  duration = 1000 # ms
  seed     = 1
}

locals {
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
  n             = 3200
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
  n             = 800
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

# ge jumps by 1.62 mV per excitatory spike and decays with 5 ms; gi by
# -9 mV per inhibitory spike (the sign comes from is_inhibitory) and
# decays with 10 ms. Every spike arrives one step later (the default delay).
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

monitor "exc" {
  target = population.exc
}

monitor "inh" {
  target = population.inh
}
