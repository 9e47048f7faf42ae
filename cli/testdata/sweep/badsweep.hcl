variable "g" {
  default = 1
}

population "p" {
  model = "poisson"
  n     = 1
  rate  = 10
}

sweep {
  grid {
    g = 3
  }
}
