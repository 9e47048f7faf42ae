# A population larger than 32-bit neuron indices allow is refused
# before anything is allocated.
population "big" {
  model = "lif"
  n     = 1e12 # ERROR: Invalid value for "n"
}

population "grid" {
  model = "lif"
  shape = [4294967296, 4294967296] # ERROR: Invalid value for "shape"
}

population "cube" {
  model = "lif"
  shape = [1e7, 1e7, 1e7] # ERROR: Invalid value for "shape"
}
