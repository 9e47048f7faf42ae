populaton "exc" { # ERROR: Unsupported block type
  model = "lif"
  n     = 3
}

sim { # ERROR: Unsupported block type
  dt = 0.1
}
