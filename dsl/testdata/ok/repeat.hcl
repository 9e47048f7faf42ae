locals {
  currents = [0.4, 0.6, 0.8]
}

population "col" {
  count = length(local.currents)
  model = "lif"
  n     = 1
}

stimulus "drive" {
  count   = length(local.currents)
  target  = population.col[count.index]
  current = local.currents[count.index]
}

population "layer" {
  for_each  = { a = -50, b = -45 }
  model     = "lif"
  n         = 3
  threshold = each.value
}

synapse "ab" {
  from = population.layer["a"]
  to   = population.layer["b"]
}

monitor "col0" {
  target = population.col[0]
}

population "named" {
  for_each = toset(["x", "y"])
  model    = "lif"
  n        = 1
}
