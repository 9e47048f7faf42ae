population "a" {
  model = "lif"
  n     = 3
}

synapse "aa" {
  from    = population.a
  to      = population.a
  connect = "randon" # ERROR: Invalid value for "connect"
  p       = 0.5
}
