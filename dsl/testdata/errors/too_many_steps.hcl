simulation {
  dt = 1e-300 # ERROR: Too many steps
}

population "a" {
  model = "lif"
  n     = 1
}
