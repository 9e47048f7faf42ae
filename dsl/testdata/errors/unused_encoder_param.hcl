population "img" {
  model    = "data"
  source   = "tiny.pgm"
  encoder  = "ttfs"
  max_rate = 50 # WARNING: Unused argument "max_rate"
}
