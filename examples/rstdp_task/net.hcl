# The two-pattern task learned through reward (the seed's phase 7). The
# inputs are those of examples/stdp_two_patterns: pattern A (input
# neurons 0-9) and pattern B (10-19) take turns. Two output neurons, a and
# b, read all inputs through R-STDP synapses. After each presentation the
# network is rewarded (+1) if the output named after the pattern fired
# more than the other, punished (-1) if it fired less; the reward feeds
# the dopamine signal that turns the synapses' eligibility into weight
# change.

variable "presentations" {
  description = "presentations of each pattern"
  default     = 100
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
  description = "silence before each presentation, ms"
  default     = 50
}

locals {
  n    = 10 # input neurons per pattern
  slot = var.pause + var.show
  # Slot i is a pause, then pattern A (even i) or B (odd i); the reward
  # for it comes at the end of the slot, when the pattern goes off.
  shown = {
    a = [for i in range(var.presentations) : { start = 2 * i * local.slot + var.pause, stop = (2 * i + 1) * local.slot, amplitude = 1 }]
    b = [for i in range(var.presentations) : { start = (2 * i + 1) * local.slot + var.pause, stop = (2 * i + 2) * local.slot, amplitude = 1 }]
  }
  # The rates of the 2n inputs while pattern A, pattern B or nothing is
  # shown.
  rates = {
    a   = [for j in range(2 * local.n) : j < local.n ? var.rate : 0]
    b   = [for j in range(2 * local.n) : j < local.n ? 0 : var.rate]
    off = [for j in range(2 * local.n) : 0]
  }
  # Entry 2i of the schedule switches slot i's pattern on after the
  # pause, entry 2i+1 switches it off at the end of the slot.
  schedule = [for k in range(4 * var.presentations) : concat(
    [floor(k / 2) * local.slot + (k % 2 == 0 ? var.pause : local.slot)],
    k % 2 == 1 ? local.rates.off : floor(k / 2) % 2 == 0 ? local.rates.a : local.rates.b
  )]
}

simulation {
  dt       = 0.5 # ms
  duration = 2 * var.presentations * local.slot
  seed     = 7
  tau_d    = 20 # ms: dopamine acts in the pause after a presentation
}

# The inputs: Poisson processes whose rates follow the patterns (as in
# examples/stdp_two_patterns).

population "input" {
  model         = "poisson"
  n             = 2 * local.n
  rate          = 0 # until the first presentation
  rate_schedule = local.schedule
}

# The cues tell the reward which pattern is shown: cue a (b) spikes in
# every step of pattern A (B).

population "cue" {
  for_each = toset(["a", "b"])
  model    = "input"
  n        = 1
}

stimulus "show" {
  for_each = toset(["a", "b"])
  target   = population.cue[each.key]
  steps    = local.shown[each.key]
}

# The outputs (as in examples/stdp_two_patterns: two neurons that inhibit
# each other) and their R-STDP synapses.

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
  weight       = uniform(1, 4)
  w_max        = 10
  kernel       = "exponential"
  tau          = 5 # ms
  save_weights = true
  learning "rstdp" {
    lr         = [0.002, 0.004]
    tau_c      = 50 # ms
    norm       = 50 # each output's incoming weights sum to 50
    norm_every = 10 # ms
  }
}

# The reward compares two populations: each output neuron drives a
# readout, an input neuron that spikes whenever its output does (one step
# later).

population "choice" {
  for_each = toset(["a", "b"])
  model    = "input"
  n        = 1
}

synapse "out_choice" {
  for_each = { a = 0, b = 1 }
  from     = population.out
  to       = population.choice[each.key]
  connect  = "list"
  pre      = [each.value]
  post     = [0]
  weight   = 1
}

reward "task" {
  a      = population.choice["a"]
  b      = population.choice["b"]
  cue_a  = population.cue["a"]
  cue_b  = population.cue["b"]
  window = local.slot
  amount = 1
}

monitor "out" {
  target = population.out
}

monitor "input" {
  target = population.input
}

monitor "reward" {
  variables = ["reward", "dopamine"]
}

monitor "weights" {
  target   = synapse.input_out
  every_ms = 150
  indices  = [0, 1, 20, 21] # input 0 (A) and input 10 (B) to both outputs
}
