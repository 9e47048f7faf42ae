# Legal but suspicious: the synapse into the poisson population has no
# effect (a warning), and the rest of the network is fine.
simulation {
  duration = 10
}

population "exc" {
  model = "lif"
  n     = 4
}

population "noise" {
  model = "poisson"
  n     = 4
  rate  = 10
}

synapse "exc_noise" {
  from = population.exc
  to   = population.noise
}
