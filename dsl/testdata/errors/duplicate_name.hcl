population "exc" {
  model = "lif"
  n     = 10
}

population "exc" { # ERROR: Duplicate population
  model = "lif"
  n     = 5
}
