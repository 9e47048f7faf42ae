population "exc" {
  model = "lif"
  n     = 3
  tau_m = [
    10,
    -1, # ERROR: Invalid value for "tau_m"
    10,
  ]
}
