population "exc" {
  model = "lif"
  n     = 10
}

synapse "ee" {
  from    = population.exc
  to      = population.exc
  connect = "fixed_indegree"
  k       = 10 # ERROR: Invalid value for "k"
}
