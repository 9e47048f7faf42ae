synapse "exc_inh" {
  from   = population.exc
  to     = population.inh
  weight = 1 / population.exc.n
}

synapse "in_out" {
  from    = population.in
  to      = population.out
  connect = "fixed_indegree"
  k       = 50 # ERROR: Invalid value for "k"
}

synapse "in_out_stdp" {
  from = population.in
  to   = population.out
  learning "stdp" {
    lr = [1, 2, 3] # ERROR: Invalid value for "lr"
  }
}

monitor "m" {
  target = population.ou # ERROR: Reference to undeclared population
}
