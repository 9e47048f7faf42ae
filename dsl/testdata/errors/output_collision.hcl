population "x" {
  model = "lif"
  n     = 2
}

monitor "x" {
  count  = 1
  target = population.x
}

# x[0] and x_0 would both write x_0.spikes.csv.
monitor "x_0" { # ERROR: Conflicting output files
  target = population.x
}
