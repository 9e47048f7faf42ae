population "noise" {
  model = "poisson"
  n     = 4
  rate  = 40000 # ERROR: Invalid value for "rate"
}
