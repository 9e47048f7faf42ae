# A monitor of the weights of a synapse edge without a learning rule (a
# regression: drawing its figures panicked after the whole run).

simulation {
  dt       = 1
  duration = 20
  seed     = 3
}

population "in" {
  model = "poisson"
  n     = 4
  rate  = 50
}

population "out" {
  model = "lif"
  n     = 3
}

synapse "s" {
  from    = population.in
  to      = population.out
  connect = "dense"
  weight  = 0.5
}

monitor "m" {
  target = synapse.s
}
