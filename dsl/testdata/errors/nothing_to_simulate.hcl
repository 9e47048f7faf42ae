simulation {
  dt       = 2
  duration = 1 # ERROR: Nothing to simulate
}

population "a" {
  model = "lif"
  n     = 1
}
