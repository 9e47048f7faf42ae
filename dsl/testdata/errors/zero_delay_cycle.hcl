population "a" {
  model = "lif"
  n     = 2
}

population "b" {
  model = "lif"
  n     = 2
}

population "c" {
  model = "lif"
  n     = 2
}

synapse "ab" {
  from  = population.a
  to    = population.b
  delay = 0 # ERROR: Zero-delay cycle
}

synapse "bc" {
  from  = population.b
  to    = population.c
  delay = 0 # ERROR: Zero-delay cycle
}

synapse "ca" {
  from  = population.c
  to    = population.a
  delay = 0 # ERROR: Zero-delay cycle
}

synapse "ac_delayed" {
  from  = population.a
  to    = population.c
  delay = 1
}
