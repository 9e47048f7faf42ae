population "exc" {
  model = "alif"
  n     = 10
}

monitor "m" {
  target    = population.exc
  variables = ["s", "refrac_cont"] # ERROR: Unknown variable
}
