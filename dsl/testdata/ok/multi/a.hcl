simulation {
  duration = 50
}

population "src" {
  model = "poisson"
  n     = 20
  rate  = 50
}
