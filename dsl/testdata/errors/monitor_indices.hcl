population "exc" {
  model = "lif"
  n     = 4
}

monitor "m" {
  target  = population.exc
  indices = [0, 4] # ERROR: Invalid value for "indices"
}
