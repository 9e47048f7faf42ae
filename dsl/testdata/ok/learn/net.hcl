simulation {
  duration = 100
  tau_d    = 100
}

population "input" {
  model = "poisson"
  n     = 4
  rate  = 50
}

population "out" {
  model              = "lif"
  n                  = 2
  lateral_inhibition = 5
  k_winners          = 1
}

synapse "in_out" {
  from         = population.input
  to           = population.out
  connect      = "dense"
  weight       = load("w.csv")
  save_weights = true
  learning "stdp" {
    lr    = [1e-4, 1e-3]
    bound = "soft"
    w_max = 1
  }
}

reward "task" {
  a      = population.out
  b      = population.out
  cue_a  = population.input
  cue_b  = population.input
  window = 50
}

reward "bonus" {
  schedule = [{ time = 20, amount = 0.5 }]
}

monitor "w" {
  target   = synapse.in_out
  every_ms = 10
}

monitor "da" {
  variables = ["dopamine", "reward"]
}
