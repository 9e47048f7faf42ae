# A failed variable does not stop the load: what reads it is skipped
# (the variable's error says it all), the rest is checked.
variable "n" { # ERROR: No value for required variable
}

# duration is skipped; dt is checked.
simulation {
  duration = var.n
  dt       = -1 # ERROR: Invalid value for "dt"
}

population "a" {
  model = "lif"
  n     = var.n
}

population "b" {
  model    = "lif"
  n        = 3
  theshold = 1 # ERROR: Unsupported argument
}

population "c" {
  model = "poisson"
  n     = 3
  rate  = 20000 # ERROR: Invalid value for "rate"
}

synapse "ab" {
  from = population.a
  to   = population.b
}

# Skipped: reads population.a.n.
synapse "ca" {
  from   = population.c
  to     = population.b
  weight = 1 / population.a.n
}

synapse "cc" {
  from = population.c
  to   = population.c[0] # ERROR: Unexpected population index
}

monitor "m" {
  target = population.a
  every  = 0 # ERROR: Invalid value for "every"
}

# Skipped: reads simulation.dt, which failed.
population "d" {
  model = "lif"
  n     = 3
  tau_m = 100 * simulation.dt
}
