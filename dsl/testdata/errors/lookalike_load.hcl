# An object literal that looks like the value of load() is an object.
population "a" {
  model = "lif"
  n     = 2
}

synapse "aa" {
  from   = population.a
  to     = population.a
  weight = { load = 5 } # ERROR: Invalid value for "weight"
}
