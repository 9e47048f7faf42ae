# 1000 Poisson neurons at 50 Hz, for the test that streamed monitors keep
# memory from growing with the run: 50 000 spikes and 10 000 steps of rate
# per simulated second.
variable "stream" {
  default = true
}

simulation {
  dt       = 0.1
  duration = 10000
  seed     = 3
}

population "noise" {
  model = "poisson"
  n     = 1000
  rate  = 50
}

monitor "noise" {
  target = population.noise
  stream = var.stream
}
