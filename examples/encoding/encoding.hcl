# One image, every encoder (the seed's phase 5). image.png is a 16 x 16
# grayscale image (a bright disc on a ramp); each population below reads
# it (its shape, [16, 16], becomes the population's shape) and encodes its
# 256 gray values in [0, 1] as spikes over 100 ms. Each monitor draws the
# raster of one encoder.

simulation {
  dt       = 1   # ms
  duration = 100 # ms: one presentation
  seed     = 5
}

locals {
  image = "image.png" # relative to this file
}

# Rate coding: neuron i spikes in each step with probability
# v_i*max_rate*dt/1000.
population "poisson" {
  model    = "data"
  source   = local.image
  encoder  = "poisson"
  present  = 100 # ms
  max_rate = 200 # Hz
}

# Probability v_i*max_prob per step.
population "bernoulli" {
  model    = "data"
  source   = local.image
  encoder  = "bernoulli"
  present  = 100
  max_prob = 0.2
}

# Time to first spike: one spike at window*(1 - v_i) ms; black is silent.
population "ttfs" {
  model   = "data"
  source  = local.image
  encoder = "ttfs"
  present = 100
  window  = 50 # ms
}

# Rank order: one spike at window*rank/M; only the order of the values
# counts.
population "rank_order" {
  model   = "data"
  source  = local.image
  encoder = "rank_order"
  present = 100
  window  = 50
}

# Gaussian population coding: 8 neurons per pixel (shape [16, 16, 8])
# prefer the values 0, 1/7, ..., 1.
population "position" {
  model            = "data"
  source           = local.image
  encoder          = "position"
  present          = 100
  position_neurons = 8
  max_rate         = 200
}

# A constant current v_i*max_rate integrated to a regular spike train.
population "repeat" {
  model    = "data"
  source   = local.image
  encoder  = "repeat"
  present  = 100
  max_rate = 100
}

monitor "poisson" {
  target    = population.poisson
  variables = ["s"]
}

monitor "bernoulli" {
  target    = population.bernoulli
  variables = ["s"]
}

monitor "ttfs" {
  target    = population.ttfs
  variables = ["s"]
}

monitor "rank_order" {
  target    = population.rank_order
  variables = ["s"]
}

monitor "position" {
  target    = population.position
  variables = ["s"]
}

monitor "repeat" {
  target    = population.repeat
  variables = ["s"]
}
