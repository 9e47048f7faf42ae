variable "n" {
  default = 2
}

variable "rate" {
  default = 5
}

population "noise" {
  model = "poisson"
  n     = var.n
  rate  = var.rate
}

monitor "noise" {
  target = population.noise
}
