simulation {
  dt = 0 # ERROR: Invalid value for "dt"
}

population "a" {
  model = "lif"
  n     = 2
  tau_m = simulation.tau # ERROR: Unsupported attribute
}
