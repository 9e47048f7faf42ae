population "b" {
  model      = "lif"
  n          = 3
  k_winners  = 1
  wta_window = -2 # ERROR: Invalid value for "wta_window"
}
