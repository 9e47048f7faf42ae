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
  to   = population.noise # WARNING: Synapse input is ignored
}

synapse "noise_exc" {
  from = population.noise
  to   = population.exc
}
