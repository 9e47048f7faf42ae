variable "g" {
  default = 5
}

variable "nu" {
  default = 2
}

variable "label" {
  type    = string
  default = "a"
}

simulation {
  seed = 9
}

population "p" {
  model = "poisson"
  n     = 10
  rate  = 10 * var.nu
}

sweep {
  grid {
    nu = [1, 2]
    g  = range(3, 6)
  }
  points = [{ g = 8, nu = 1 }]
  seeds  = [1, 2]
}
