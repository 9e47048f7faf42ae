population "exc" {
  model = "lif"
  n     = 10
}

monitor "m" {
  target    = population.exc
  variables = ["s", "V"] # ERROR: Unknown variable
}
