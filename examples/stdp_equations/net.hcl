# Song, Miller and Abbott (2000) with the learning rules written as
# equations (synapse_model blocks) instead of the built-in stdp: the same
# network as examples/song2000, the same seed and names, so the same inputs
# and initial weights; the two synapse models are the built-in rule's
# additive (hard bounds) and multiplicative (soft bounds) forms, and give
# its weights (to rounding). See README.md.

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

# Pair STDP written as equations: a trace per synapse for each side,
# advanced exactly between events; depression at an arrival reads the
# postsynaptic trace, potentiation at a postsynaptic spike the presynaptic
# one (this step's arrivals included), then the trace of the spike jumps.
synapse_model "stdp_additive" {
  equations = <<-EQ
    w : 1
    dapre/dt  = -apre/tau_pre   : 1 (event-driven)
    dapost/dt = -apost/tau_post : 1 (event-driven)
  EQ
  on_pre    = "w = clip(w - A_minus*apost, 0, g_max); apre += 1"
  on_post   = "w = clip(w + A_plus*apre, 0, g_max); apost += 1"
  parameters = {
    tau_pre  = "20 ms"
    tau_post = "20 ms"
    A_plus   = var.a_plus * local.g_max
    A_minus  = var.a_ratio * var.a_plus * local.g_max
    g_max    = local.g_max
  }
}

# Multiplicative STDP (van Rossum, Bi and Turrigiano 2000): depression
# scaled by w/g_max, potentiation by (g_max - w)/g_max.
synapse_model "stdp_multiplicative" {
  equations = <<-EQ
    w : 1
    dapre/dt  = -apre/tau_pre   : 1 (event-driven)
    dapost/dt = -apost/tau_post : 1 (event-driven)
  EQ
  on_pre    = "w = clip(w - A_minus*apost*w/g_max, 0, g_max); apre += 1"
  on_post   = "w = clip(w + A_plus*apre*(g_max - w)/g_max, 0, g_max); apost += 1"
  parameters = {
    tau_pre  = "20 ms"
    tau_post = "20 ms"
    A_plus   = var.a_plus * local.g_max
    A_minus  = var.a_ratio * var.a_plus * local.g_max
    g_max    = local.g_max
  }
}

# The models do not write neuron variables, so the synapses keep their
# conductance kernel, which delivers the weights as in examples/song2000.
synapse "exc" {
  for_each     = { additive = "stdp_additive", multiplicative = "stdp_multiplicative" }
  from         = population.exc_in
  to           = population.neuron[each.key]
  model        = each.value
  weight       = uniform(0, local.g_max)
  w_max        = local.g_max
  kernel       = "conductance"
  tau          = 5 # ms
  e_rev        = 0 # mV
  save_weights = true
}

monitor "weights" {
  for_each = toset(["additive", "multiplicative"])
  target   = synapse.exc[each.key]
  every_ms = 1000
  indices  = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]
}
