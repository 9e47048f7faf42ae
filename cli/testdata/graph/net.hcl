# netrun graph fixture: a stimulus, an inhibitory population, lateral
# inhibition, a learning rule, one-step and zero delays, and monitors of a
# population and of an edge.
simulation {
  dt       = 0.1
  duration = 10
}

population "in" {
  model = "poisson"
  n     = 4
  rate  = 20
}

population "exc" {
  model              = "lif"
  n                  = 3
  lateral_inhibition = 0.5
}

population "inh" {
  model         = "lif"
  n             = 2
  is_inhibitory = true
}

stimulus "drive" {
  target  = population.exc
  current = 1.5
}

synapse "in_exc" {
  from    = population.in
  to      = population.exc
  connect = "dense"
  delay   = 0.1
  learning "stdp" {
    lr = 0.01
  }
}

synapse "exc_inh" {
  from    = population.exc
  to      = population.inh
  connect = "fixed_indegree"
  k       = 1
  delay   = 0
}

synapse "inh_exc" {
  from    = population.inh
  to      = population.exc
  connect = "dense"
  delay   = 1
}

monitor "spikes" {
  target    = population.exc
  variables = ["s"]
}

monitor "w" {
  target    = synapse.in_exc
  variables = ["w"]
}
