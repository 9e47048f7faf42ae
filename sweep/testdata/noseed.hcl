variable "g" {
  default = 5
}

simulation {
  seed = var.g
}

population "p" {
  model = "poisson"
  n     = 1
  rate  = 10
}
