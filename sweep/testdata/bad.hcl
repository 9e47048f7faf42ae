variable "g" {
  default = 5
}

population "p" {
  model = "poisson"
  n     = 1
  rate  = 10
}

sweep {
  grid {
    g = []
  }
  seeds = [1.5]
  seed  = -1
}

sweep {
}
