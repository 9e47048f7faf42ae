# A learning rule written in Go (package oja), used by name. Thirty Poisson
# inputs, ten each at 10, 20 and 40 Hz, project onto an output neuron
# that fires at 20 Hz by itself (a Poisson neuron ignores its input), so
# that input and output are independent. Oja's rule then moves every
# weight to the mean presynaptic trace, rate*tau: 0.2, 0.4 and 0.8 for
# tau = 20 ms.

simulation {
  dt       = 0.1   # ms
  duration = 60000 # ms
  seed     = 1
}

population "inputs" {
  model = "poisson"
  n     = 30
  rate  = [for i in range(30) : [10, 20, 40][floor(i / 10)]] # Hz
}

population "output" {
  model = "poisson"
  n     = 1
  rate  = 20 # Hz
}

synapse "in_out" {
  from         = population.inputs
  to           = population.output
  connect      = "dense"
  weight       = 0
  save_weights = true
  learning "oja" {
    eta = 0.01
    tau = 20 # ms
  }
}

monitor "weights" {
  target   = synapse.in_out
  every_ms = 100
  indices  = [0, 10, 20] # one input of each rate
}
