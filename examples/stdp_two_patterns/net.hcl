# Two input patterns learned by STDP (the seed's phase 6). Twenty input
# neurons: pattern A is neurons 0-9 firing as Poisson processes at
# var.rate, pattern B neurons 10-19; the patterns take turns, each shown
# for var.show ms and followed by var.pause ms of silence. The inputs
# project densely onto two excitatory output neurons that inhibit each
# other. Every weight starts equal; STDP with normalisation of each
# output's incoming weights lets one output specialise in each pattern.

variable "presentations" {
  description = "presentations of each pattern"
  default     = 40
}

variable "rate" {
  description = "rate of an input neuron while its pattern is shown, Hz"
  default     = 60
}

variable "show" {
  description = "how long a pattern is shown, ms"
  default     = 100
}

variable "pause" {
  description = "silence after each presentation, ms"
  default     = 50
}

locals {
  n    = 10 # input neurons per pattern
  slot = var.show + var.pause
  # Pattern A is shown in slots 0, 2, 4, ..., pattern B in slots 1, 3, 5, ...
  shown = {
    a = [for i in range(var.presentations) : { start = 2 * i * local.slot, stop = 2 * i * local.slot + var.show, amplitude = 1 }]
    b = [for i in range(var.presentations) : { start = (2 * i + 1) * local.slot, stop = (2 * i + 1) * local.slot + var.show, amplitude = 1 }]
  }
}

simulation {
  dt       = 0.5 # ms
  duration = 2 * var.presentations * local.slot
  seed     = 6
}

# The inputs: Poisson processes gated by the patterns. An input neuron is
# a coincidence detector (v = R*x in every step, as tau_m = dt) that
# fires when its Poisson source spikes while its pattern's cue is on.

population "source" {
  model = "poisson"
  n     = 2 * local.n
  rate  = var.rate
}

population "cue" {
  for_each = toset(["a", "b"])
  model    = "input" # spikes in every step of its stimulus
  n        = 1
}

stimulus "show" {
  for_each = toset(["a", "b"])
  target   = population.cue[each.key]
  steps    = local.shown[each.key]
}

population "input" {
  model         = "lif"
  n             = 2 * local.n
  tau_m         = 0.5 # = dt: v = rest_pot + R*x
  rest_pot      = 0
  reset_pot     = 0
  threshold     = 1.5 # source spike (1) and cue (1) together
  refrac_length = 0
  R             = 1
  v_init        = 0
}

synapse "source_input" {
  from    = population.source
  to      = population.input
  connect = "one_to_one"
  weight  = 1
}

synapse "cue_input" {
  for_each = { a = 0, b = local.n }
  from     = population.cue[each.key]
  to       = population.input
  connect  = "list"
  pre      = [for i in range(local.n) : 0]
  post     = [for i in range(local.n) : each.value + i]
  weight   = 1
}

# The outputs and the plastic synapses.

population "out" {
  model              = "lif"
  n                  = 2
  threshold          = -52 # mV
  rest_pot           = -62 # mV
  reset_pot          = -62 # mV
  tau_m              = 10  # ms
  R                  = 1
  refrac_length      = 2   # ms
  lateral_inhibition = 200 # each spike pulls the other output down by 10 mV
  k_winners          = 1   # and ties go to one of them
}

synapse "input_out" {
  from         = population.input
  to           = population.out
  connect      = "dense"
  weight       = 2.5
  w_max        = 10
  kernel       = "exponential"
  tau          = 5 # ms
  save_weights = true
  learning "stdp" {
    lr         = [0.05, 0.1]
    norm       = 50 # each output's incoming weights sum to 50
    norm_every = 10 # ms
  }
}

monitor "out" {
  target = population.out
}

monitor "input" {
  target = population.input
}

monitor "weights" {
  target   = synapse.input_out
  every_ms = 10
  indices  = [0, 1, 20, 21] # input 0 (A) and input 10 (B) to both outputs
}
