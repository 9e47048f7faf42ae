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
  # The rates of the 2n inputs while pattern A, pattern B or nothing is
  # shown.
  rates = {
    a   = [for j in range(2 * local.n) : j < local.n ? var.rate : 0]
    b   = [for j in range(2 * local.n) : j < local.n ? 0 : var.rate]
    off = [for j in range(2 * local.n) : 0]
  }
  # Slot i shows pattern A (even i) or B (odd i) from i*slot for var.show
  # ms, then pauses: entry 2i of the schedule switches the pattern on,
  # entry 2i+1 switches it off.
  schedule = [for k in range(4 * var.presentations) : concat(
    [floor(k / 2) * local.slot + k % 2 * var.show],
    k % 2 == 1 ? local.rates.off : floor(k / 2) % 2 == 0 ? local.rates.a : local.rates.b
  )]
}

simulation {
  dt       = 0.5 # ms
  duration = 2 * var.presentations * local.slot
  seed     = 6
}

# The inputs: Poisson processes whose rates follow the patterns.

population "input" {
  model         = "poisson"
  n             = 2 * local.n
  rate          = 0 # until the first presentation
  rate_schedule = local.schedule
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
