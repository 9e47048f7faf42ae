# Two resonate-and-fire neurons (model "raf", defined in Go in raf/raf.go)
# with a resonant frequency of 50 Hz, i.e. a period of 20 ms. Each gets
# five 1-ms input pulses of the same strength: "resonant" one period apart,
# "fast" half a period apart. Only the resonant train makes its neuron
# fire, although the fast train is the denser one.

locals {
  pulses = 5
}

simulation {
  dt       = 0.1 # ms
  duration = 150 # ms
}

population "resonant" {
  model     = "raf"
  n         = 1
  frequency = 50    # Hz
  damping   = -0.05 # 1/ms
  threshold = 1     # mV
}

population "fast" {
  model     = "raf"
  n         = 1
  frequency = 50    # Hz
  damping   = -0.05 # 1/ms
  threshold = 1     # mV
}

stimulus "resonant_train" {
  target = population.resonant
  steps  = [for k in range(local.pulses) : { start = 10 + 20 * k, stop = 11 + 20 * k, amplitude = 1 }]
}

stimulus "fast_train" {
  target = population.fast
  steps  = [for k in range(local.pulses) : { start = 10 + 10 * k, stop = 11 + 10 * k, amplitude = 1 }]
}

monitor "resonant" {
  target    = population.resonant
  variables = ["s", "v"]
}

monitor "fast" {
  target    = population.fast
  variables = ["s", "v"]
}
