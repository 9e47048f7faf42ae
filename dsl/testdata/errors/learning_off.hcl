population "a" {
  model = "poisson"
  n     = 4
  rate  = 10
}

population "b" {
  model    = "lif"
  n        = 4
  learning = false
}

synapse "ab" {
  from = population.a
  to   = population.b
  learning "stdp" { # WARNING: Learning rule switched off
    lr = [0.01, 0.01]
  }
}
