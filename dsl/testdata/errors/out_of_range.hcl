population "a" {
  model     = "lif"
  n         = 2
  tau_m     = 1e400     # ERROR: Invalid value for "tau_m"
  threshold = [-50, -1e400] # ERROR: Invalid value for "threshold"
}
