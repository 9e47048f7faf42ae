population "a" {
  model = "lif"
  n     = 2
}

synapse "aa" {
  from = population.a
  to   = population.a
}

monitor "w" {
  target  = synapse.aa
  indices = [0, 4] # ERROR: Invalid value for "indices"
}
