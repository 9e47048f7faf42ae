population "exc" {
  model = "lif"
  n     = "ten" # ERROR: Invalid value for "n"
}
