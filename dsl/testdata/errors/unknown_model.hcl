population "exc" {
  model = "elfi" # ERROR: Unknown neuron model
  n     = 10
}
