population "a" {
  model  = "lif"
  n      = 2
  v_init = clip(3, 0, 1) # ERROR: Invalid function argument
}
