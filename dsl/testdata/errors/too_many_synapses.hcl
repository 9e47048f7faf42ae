# 10^12 synapses (about 12 TB) are refused before they are built.
population "exc" {
  model = "lif"
  n     = 1e6
}

synapse "ee" { # ERROR: Not enough memory
  from    = population.exc
  to      = population.exc
  connect = "random"
  p       = 1
}

synapse "fixed" { # ERROR: Not enough memory
  from    = population.exc
  to      = population.exc
  connect = "fixed_indegree"
  k       = 999999
}
