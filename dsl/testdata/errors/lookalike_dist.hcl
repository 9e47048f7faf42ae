# Object literals that look like the distributions of uniform() and
# clip() are objects: an error, not a panic.
population "a" {
  model  = "lif"
  n      = 2
  v_init = { dist = 1 } # ERROR: Invalid value for "v_init"
}

population "b" {
  model  = "lif"
  n      = 2
  v_init = { dist = "clip", a = 0, b = 1 } # ERROR: Invalid value for "v_init"
}

population "c" {
  model  = "lif"
  n      = 2
  v_init = clip({ dist = "normal", a = 0, b = 1 }, 0, 1) # ERROR: Invalid function argument
}
