# A small network with every kind of monitor, for the test that streamed
# monitors (stream = true) write the same files as monitors held in memory.

variable "stream" {
  default = false
}

simulation {
  dt       = 0.1
  duration = 200
  seed     = 7
  tau_d    = 20
}

population "src" {
  model = "poisson"
  n     = 20
  rate  = 80
}

population "cell" {
  model = "lif"
  n     = 6
}

synapse "sc" {
  from    = population.src
  to      = population.cell
  connect = "dense"
  weight  = 2
  w_max   = 5
  kernel  = "exponential"
  tau     = 5
  learning "stdp" {
    lr = [0.01, 0.02]
  }
}

reward "r" {
  schedule = [{ time = 50, amount = 1 }, { time = 120, amount = -0.5 }]
}

monitor "src" {
  target = population.src
  stream = var.stream
}

monitor "cell" {
  target    = population.cell
  variables = ["s", "v", "refrac_count"]
  indices   = [4, 0, 2]
  every     = 3
  stream    = var.stream
}

monitor "w" {
  target = synapse.sc
  every  = 7
  stream = var.stream
}

monitor "i" {
  target    = synapse.sc
  variables = ["i"]
  stream    = var.stream
}

monitor "da" {
  variables = ["dopamine", "reward"]
  stream    = var.stream
}
