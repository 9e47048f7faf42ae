variable "n" {
  default = 4
}

variable "rate" {
  default = 10
}

population "p" {
  model = "poisson"
  n     = var.n
  rate  = var.rate
}
