# src drives mid with zero delay, so mid advances in a later stage than
# src; inh, inhibitory, projects back to mid with a delay.
population "src" {
  model = "poisson"
  n     = 5
  rate  = 10
}

population "mid" {
  model = "lif"
  n     = 3
}

population "inh" {
  model         = "lif"
  n             = 2
  is_inhibitory = true
}

synapse "src_mid" {
  from    = population.src
  to      = population.mid
  connect = "dense"
  weight  = 1
  delay   = 0
}

synapse "mid_inh" {
  from    = population.mid
  to      = population.inh
  connect = "dense"
  delay   = 1
}

synapse "inh_mid" {
  from    = population.inh
  to      = population.mid
  connect = "dense"
  delay   = 1.5
}
