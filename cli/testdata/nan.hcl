# The current drives v to -Inf in the first step: a runtime fault.
simulation {
  dt       = 0.1
  duration = 10
}

population "cell" {
  model = "lif"
  n     = 4
  R     = 1e10
}

stimulus "drive" {
  target  = population.cell
  current = -1e308
}

monitor "cell" {
  target    = population.cell
  variables = ["s", "v"]
}
