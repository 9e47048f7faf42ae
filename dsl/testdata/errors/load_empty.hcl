population "a" {
  model = "lif"
  n     = 2
}

synapse "aa" {
  from   = population.a
  to     = population.a
  weight = load("") # ERROR: Invalid function argument
}
