population "exc" {
  model = "lif"
  n     = 10
}

synapse "loop" {
  from = population.exc
  to   = population.exct # ERROR: Reference to undeclared population
}
