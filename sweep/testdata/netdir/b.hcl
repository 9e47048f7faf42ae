population "p" {
  model = "poisson"
  n     = 1
  rate  = 10 * var.g
}
