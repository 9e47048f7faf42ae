population "a" {
  model = "lif"
  n     = 3
  tau_m = -10 # ERROR: Invalid value for "tau_m"
}
