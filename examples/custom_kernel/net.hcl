# One input neuron (a spike generator) drives two leaky integrate-and-fire
# neurons through the same weight: "alpha" through the alpha-function
# kernel defined in Go in alpha/alpha.go, "expo" through the built-in
# exponential kernel. The alpha current rises from 0 to its peak, the
# weight, tau = 2 ms after the spike; the exponential one jumps to the
# weight at once and decays. Run with this directory's netrun:
#
#   go run ./examples/custom_kernel run examples/custom_kernel/net.hcl

simulation {
  dt       = 0.1 # ms
  duration = 60  # ms
}

population "input" {
  model       = "spike_generator"
  n           = 1
  spike_times = [[10, 30, 32]] # ms
}

population "alpha" {
  model = "lif"
  n     = 1
}

population "expo" {
  model = "lif"
  n     = 1
}

synapse "input_alpha" {
  from   = population.input
  to     = population.alpha
  weight = 2

  kernel "my_alpha" {
    tau = 2 # ms
  }
}

synapse "input_expo" {
  from   = population.input
  to     = population.expo
  weight = 2
  kernel = "exponential"
  tau    = 2 # ms
}

monitor "alpha_current" {
  target    = synapse.input_alpha
  variables = ["i"]
}

monitor "expo_current" {
  target    = synapse.input_expo
  variables = ["i"]
}

monitor "v" {
  target    = population.alpha
  variables = ["v"]
}
