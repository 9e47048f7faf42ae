population "exc" {
  model = "alif"
  n     = 10
}

monitor "m" {
  target    = population.exc
  variables = ["s", "ww"] # ERROR: Unknown variable
}
