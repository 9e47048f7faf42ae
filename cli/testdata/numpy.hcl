# The numpy round trips (numpy_test.go): spikes, a state of a subset of
# neurons, rates and sparse weights with per-synapse delays, as .npy and
# .npz files that numpy reads.
simulation {
  dt       = 0.1
  duration = 30
  seed     = 3
}

population "in" {
  model = "poisson"
  n     = 20
  rate  = 200
}

population "cell" {
  model = "lif"
  n     = 10
}

synapse "in_cell" {
  from         = population.in
  to           = population.cell
  connect      = "random"
  p            = 0.4
  weight       = 4
  delay        = uniform(0.5, 2)
  save_weights = true
}

monitor "cell" {
  target    = population.cell
  variables = ["s", "v"]
  indices   = [1, 4, 7]
}

monitor "in" {
  target    = population.in
  variables = ["s"]
}
