population "exc" {
  model     = "lif"
  n         = 0            # ERROR: Invalid value for "n"
  threshlod = -50          # ERROR: Unsupported argument
}

population "inh" {
  model = "qlf" # ERROR: Unknown neuron model
  n     = 2
}

synapse "s" {
  from    = population.ihn # ERROR: Reference to undeclared population
  to      = population.exc
}

monitor "m" {
  target = population.exc
  every  = 0 # ERROR: Invalid value for "every"
}
