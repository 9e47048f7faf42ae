variable "rate" {
  default = 10
}

variable "name" {
  type    = string
  default = "a"
}

simulation {
  dt       = 1
  duration = 20
  seed     = 3
}

population "input" {
  model = "poisson"
  n     = 5
  rate  = var.rate
}

monitor "input" {
  target = population.input
}

sweep {
  grid {
    rate = [10, 100]
  }
  points = [{ rate = 1000, name = "b c" }]
}
