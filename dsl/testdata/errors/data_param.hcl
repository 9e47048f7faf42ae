population "img" {
  model    = "data"
  source   = "tiny.pgm"
  encoder  = "bernoulli"
  max_prob = 2 # ERROR: Invalid value for "max_prob"
}
