population "exc" {
  model = "lif"
  n     = -5 # ERROR: Invalid value for "n"
}
