# Song, Miller and Abbott (2000), "Competitive Hebbian learning through
# spike-timing-dependent synaptic plasticity", Nat. Neurosci. 3:919-926.
# 1000 excitatory and 200 inhibitory Poisson inputs drive an
# integrate-and-fire neuron through conductance synapses. With additive
# STDP (hard bounds) the excitatory weights split into two groups, near 0
# and near g_max; with multiplicative STDP (soft bounds) they gather in
# one group in between. Two neurons, one per rule, receive the same
# inputs.

variable "rate" {
  description = "rate of every input, Hz"
  default     = 10
}

variable "a_plus" {
  description = "potentiation per pair, as a fraction of g_max (the paper: 0.005)"
  default     = 0.01
}

variable "a_ratio" {
  description = "A-/A+, depression over potentiation per pair (the paper: 1.05)"
  default     = 1.05
}

locals {
  g_max = 0.015 # peak excitatory conductance, in units of the leak conductance
}

simulation {
  dt       = 0.5    # ms
  duration = 200000 # ms
  seed     = 2000
}

population "exc_in" {
  model       = "poisson"
  n           = 1000
  rate        = var.rate
  spike_trace = false
}

population "inh_in" {
  model         = "poisson"
  n             = 200
  rate          = var.rate
  is_inhibitory = true
  spike_trace   = false
}

# The two postsynaptic neurons: tau_m dv/dt = (V_rest - v) + g_ex (E_ex - v)
# + g_in (E_in - v), conductances in units of the leak conductance (R = 1).
population "neuron" {
  for_each      = toset(["additive", "multiplicative"])
  model         = "lif"
  n             = 1
  tau_m         = 20  # ms
  rest_pot      = -70 # mV
  threshold     = -54 # mV
  reset_pot     = -60 # mV
  refrac_length = 0
  R             = 1
  v_init        = -60
  spike_trace   = false
}

synapse "inh" {
  for_each = toset(["additive", "multiplicative"])
  from     = population.inh_in
  to       = population.neuron[each.key]
  weight   = 0.05 # fixed inhibitory conductance
  kernel   = "conductance"
  tau      = 5   # ms
  e_rev    = -70 # mV
}

synapse "exc" {
  for_each     = { additive = "hard", multiplicative = "soft" }
  from         = population.exc_in
  to           = population.neuron[each.key]
  weight       = uniform(0, local.g_max)
  w_max        = local.g_max
  kernel       = "conductance"
  tau          = 5 # ms
  e_rev        = 0 # mV
  save_weights = true
  learning "stdp" {
    lr       = [var.a_ratio * var.a_plus * local.g_max, var.a_plus * local.g_max] # [A-, A+] * g_max
    bound    = each.value
    tau_pre  = 20 # ms
    tau_post = 20 # ms
  }
}

monitor "weights" {
  for_each = toset(["additive", "multiplicative"])
  target   = synapse.exc[each.key]
  every_ms = 1000
  indices  = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]
}
