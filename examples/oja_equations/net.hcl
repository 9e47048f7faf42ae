# A learning rule with no built-in form, written in the network file: the
# spike-based Oja rule of examples/custom_rule, which there takes a Go
# package and a custom netrun build, here a synapse_model block. Thirty
# Poisson inputs, ten each at 10, 20 and 40 Hz, project onto an output
# neuron that fires at 20 Hz by itself (a Poisson neuron ignores its
# input), so that input and output are independent. Oja's rule then moves
# every weight to the mean presynaptic trace, rate*tau: 0.2, 0.4 and 0.8
# for tau = 20 ms.

simulation {
  dt       = 0.1   # ms
  duration = 60000 # ms
  seed     = 1
}

# Oja's rule, dw = eta*y*(x - y*w), with y the postsynaptic spike train
# and x the synapse's presynaptic trace: each postsynaptic spike moves w a
# fraction eta of the way to x.
synapse_model "oja" {
  equations  = <<-EQ
    w : 1
    dx/dt = -x/tau : 1 (event-driven)
  EQ
  on_pre     = "x += 1"
  on_post    = "w += eta*(x - w)"
  parameters = { eta = 0.01, tau = "20 ms" }
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
  model        = "oja"
  weight       = 0
  save_weights = true
}

monitor "weights" {
  target   = synapse.in_out
  every_ms = 100
  indices  = [0, 10, 20] # one input of each rate
}
