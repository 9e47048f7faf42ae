population "a" {
  model = "lif"
  n     = 5
}

population "b" {
  model = "lif"
  n     = 10
}

synapse "ab" {
  from    = population.a
  to      = population.b
  connect = "fixed_indegree"
  k       = 50 # ERROR: Invalid value for "k"
}
