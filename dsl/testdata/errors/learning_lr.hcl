population "a" {
  model = "lif"
  n     = 3
}

population "b" {
  model = "lif"
  n     = 3
}

synapse "ab" {
  from = population.a
  to   = population.b
  learning "stdp" {
    tau_pre = 20
    lr      = [1, 2, 3] # ERROR: Invalid value for "lr"
  }
}
