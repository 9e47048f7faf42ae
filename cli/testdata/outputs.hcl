# A network that writes several MB of outputs (the kill and interrupt
# tests of the output directory): 50 recorded potentials of 2000 steps
# and the spikes of 1000 Poisson neurons.

variable "duration" {
  default = 200
}

simulation {
  dt       = 0.1
  duration = var.duration
  seed     = 5
}

population "in" {
  model = "poisson"
  n     = 1000
  rate  = 40
}

population "cell" {
  model = "lif"
  n     = 50
}

synapse "in_cell" {
  from    = population.in
  to      = population.cell
  connect = "dense"
  weight  = 0.3
}

monitor "in" {
  target    = population.in
  variables = ["s"]
}

monitor "cell" {
  target    = population.cell
  variables = ["s", "v"]
}
