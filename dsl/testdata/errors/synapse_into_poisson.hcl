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

# A plastic synapse into a Poisson population learns from the spikes on
# both sides: no warning.
synapse "exc_noise_stdp" {
  from = population.exc
  to   = population.noise
  learning "stdp" {
    lr = [0.01, 0.01]
  }
}
