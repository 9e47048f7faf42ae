population "exc" {
  model = "lif"
  n     = 10
  V     = -65 # ERROR: Unsupported argument
}
