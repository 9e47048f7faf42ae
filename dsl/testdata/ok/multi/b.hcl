population "dst" {
  model = "lif"
  n     = 5
}

synapse "src_dst" {
  from   = population.src
  to     = population.dst
  weight = 2
}
