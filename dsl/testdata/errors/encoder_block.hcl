population "img" {
  model  = "data"
  source = "tiny.pgm"
  encoder "bernoulli" {
    max_prob = 1.5 # ERROR: Invalid value for "max_prob"
  }
}
