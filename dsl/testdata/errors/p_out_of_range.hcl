population "a" {
  model = "lif"
  n     = 10
}

synapse "aa" {
  from    = population.a
  to      = population.a
  connect = "random"
  p       = 1.5 # ERROR: Invalid value for "p"
}
