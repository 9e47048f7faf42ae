population "exc" {
  model    = "lif"
  n        = 10
  theshold = -52 # ERROR: Unsupported argument
}
