# Five mistakes in two files, all reported by one Load and Compile.
locals {
  n_exc = "ten" * 2 # ERROR: Invalid operand
}

population "exc" {
  model = "lif"
  n     = local.n_exc
}

population "inh" {
  model = "lif"
  n     = 5
  tau_m = -10 # ERROR: Invalid value for "tau_m"
}

population "in" {
  model = "poisson"
  n     = 5
  rate  = 10
}

population "out" {
  model = "lif"
  n     = 10
}
