population "exc" {
  model = "raf" # ERROR: Unknown neuron model
  n     = 10
}
