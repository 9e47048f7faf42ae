# A distribution where a number is required.
population "a" {
  model = "lif"
  n     = uniform(1, 2) # ERROR: Invalid value for "n"
}

population "b" {
  model = "lif"
  n     = 2
  tau_m = uniform(1, 2) + 1 # ERROR: Invalid operand
}

population "c" {
  model     = "lif"
  n         = 2
  threshold = normal(-50, 1) # ERROR: Invalid value for "threshold"
  rest_pot  = load("w.npy") # ERROR: Invalid value for "rest_pot"
}
