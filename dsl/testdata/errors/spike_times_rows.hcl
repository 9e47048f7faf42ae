# One list of spike times per neuron: fewer would leave neurons silent.
population "cue" {
  model       = "spike_generator"
  n           = 3
  spike_times = [[10], [15]] # ERROR: Invalid value for "spike_times"
}
