# Filters before encoding (the seed's phase 8). scene.png (32 x 32 gray:
# a vertical bar, a horizontal bar and a disc) is filtered by each data
# population before it is encoded: the filter's response is rectified and
# divided by its largest value, so the strongest response is intensity 1.
# main.go draws the kernels and the filtered images; this network encodes
# them as spikes.

simulation {
  dt       = 1  # ms
  duration = 40 # ms: one presentation
  seed     = 8
}

locals {
  scene   = "scene.png"
  present = 40 # ms
  window  = 30 # ms: the time-to-first-spike window
}

# On-centre DoG, time-to-first-spike: the bars' centres fire first.
population "dog_on" {
  model       = "data"
  source      = local.scene
  filter      = "dog_on"
  filter_size = 7
  sigma1      = 1 # px
  sigma2      = 2 # px
  encoder     = "ttfs"
  present     = local.present
  window      = local.window
}

# Off-centre DoG: the dark flanks of the bars and the disc.
population "dog_off" {
  model   = "data"
  source  = local.scene
  filter  = "dog_off"
  encoder = "ttfs"
  present = local.present
  window  = local.window
}

# Both DoG channels at once: shape [32, 32, 2], channel 0 on, 1 off.
population "dog" {
  model   = "data"
  source  = local.scene
  filter  = "dog"
  encoder = "ttfs"
  present = local.present
  window  = local.window
}

# Gabor 0 degrees (vertical bars), Poisson rate coding.
population "gabor0" {
  model       = "data"
  source      = local.scene
  filter      = "gabor"
  filter_size = 9
  orientation = 0 # degrees
  wavelength  = 4 # px
  sigma       = 2 # px
  aspect      = 0.5
  encoder     = "poisson"
  present     = local.present
  max_rate    = 250 # Hz
}

# Gabor 90 degrees (horizontal bars), time-to-first-spike.
population "gabor90" {
  model       = "data"
  source      = local.scene
  filter      = "gabor"
  filter_size = 9
  orientation = 90
  wavelength  = 4
  sigma       = 2
  aspect      = 0.5
  encoder     = "ttfs"
  present     = local.present
  window      = local.window
}

monitor "dog_on" {
  target    = population.dog_on
  variables = ["s"]
}

monitor "dog_off" {
  target    = population.dog_off
  variables = ["s"]
}

monitor "dog" {
  target    = population.dog
  variables = ["s"]
}

monitor "gabor0" {
  target    = population.gabor0
  variables = ["s"]
}

monitor "gabor90" {
  target    = population.gabor90
  variables = ["s"]
}
