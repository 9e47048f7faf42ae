population "a" {
  model = "lif"
  n     = 2
}

reward "r" {
  a      = population.a
  b      = population.a
  cue_a  = population.a
  cue_b  = population.a
  window = local.slot # ERROR: Unsupported attribute
}
