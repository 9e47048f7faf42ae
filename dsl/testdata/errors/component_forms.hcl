population "a" {
  model = "lif"
  n     = 4
}

synapse "both" {
  from    = population.a
  to      = population.a
  connect = "random" # ERROR: Conflicting "connect"
  connect "random" {
    p = 0.1
  }
}

synapse "unknown_kernel" {
  from = population.a
  to   = population.a
  kernel "exponental" { # ERROR: Unknown kernel
    tau = 5
  }
}

synapse "missing" {
  from = population.a
  to   = population.a
  connect "fixed_indegree" { # ERROR: Missing "k"
    autapses = true
  }
}

synapse "range" {
  from = population.a
  to   = population.a
  kernel "conductance" {
    tau = 0 # ERROR: Invalid value for "tau"
  }
}

synapse "misspelt" {
  from = population.a
  to   = population.a
  connect "random" { # ERROR: Missing "p"
    q = 0.1          # ERROR: Unsupported argument
  }
}

stimulus "two_kinds" { # ERROR: Invalid stimulus
  target  = population.a
  current = 1
  steps   = [{ start = 0, stop = 1, amplitude = 1 }]
}

stimulus "bad_step" {
  target = population.a
  steps  = [{ start = 2, stop = 1, amplitude = 1 }] # ERROR: Invalid value for "steps"
}
