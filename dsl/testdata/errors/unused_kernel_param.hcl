population "a" {
  model = "lif"
  n     = 3
}

synapse "aa" {
  from   = population.a
  to     = population.a
  kernel = "delta"
  tau    = 5 # WARNING: Unused argument "tau"
}
