# Unsupervised learning of oriented features (the seed's phases 9 and 10):
# image -> DoG filter -> time-to-first-spike -> conv2d with STDP and
# k-winners-take-all -> max pooling.
#
# bars/ holds 24 images of 16 x 16 pixels: a bar of length 7 at 0, 45, 90
# or 135 degrees (label 0-3 in the file name), at 6 positions each. Every
# image is shown for 10 ms with 20 ms of silence, in a new random order
# in each of 20 epochs.

variable "epochs" {
  description = "passes over the images"
  default     = 20
}

variable "seed" {
  description = "master seed: initial kernels and presentation order"
  default     = 3
}

simulation {
  dt       = 1                           # ms
  duration = var.epochs * 24 * (10 + 20) # ms: epochs x images x (present + rest)
  seed     = var.seed
}

# The retina: on-centre DoG, then time to first spike over 10 ms: the
# strongest responses (the bar) fire first; with threshold = -1 the zero
# responses (the background) fire too, last, at 9 ms, after the winner of
# the image has fired, so STDP depresses their weights.
population "img" {
  model       = "data"
  source      = "bars"
  filter      = "dog_on"
  filter_size = 5
  sigma1      = 1 # px
  sigma2      = 2 # px
  encoder     = "ttfs"
  present     = 10 # ms
  rest        = 20 # ms
  window      = 10 # ms
  threshold   = -1 # every pixel fires, zeros at the end of the window
  epochs      = var.epochs
  shuffle     = true
}

# Four feature maps of 12 x 12 neurons (16 - 5 + 1). With R = tau_m / dt
# each input adds its weight (in mV) to v. k-winners-take-all lets only
# the first spike of each image through: one neuron, at one position of
# one map, wins and learns. The refractory period keeps the winner silent
# for the rest of the image and lets every neuron (the background burst
# at 9 ms resets them all) be ready for the next image, 30 ms later.
population "feat" {
  model         = "lif"
  shape         = [12, 12, 4]
  rest_pot      = 0
  reset_pot     = 0
  threshold     = 2.5 # mV
  tau_m         = 20  # ms
  R             = 20
  refrac_length = 15 # ms
  k_winners     = 1
  wta_window    = 30 # ms: one presentation with its rest
}

# Shared 5 x 5 kernels, one per map, starting high (about 0.8) so that
# every map responds to every bar at first (Kheradpisheh et al. 2018).
# STDP potentiates the kernel entries whose inputs fired before the
# winner (the bar) and depresses those that fired after it (the
# background); the change of a shared entry is the sum over positions,
# here the one winner's. A map that has learned a bar responds less to
# the other orientations than a map still untrained, which wins them and
# learns another orientation.
synapse "c1" {
  from         = population.img
  to           = population.feat
  connect      = "conv2d"
  kernel_size  = 5
  stride       = 1
  padding      = 0
  channels_out = 4
  kernel       = "current_pulse" # the seed's one-step current (the README's numbers)
  weight       = clip(normal(0.8, 0.05), 0, 1)
  w_max        = 1

  learning "stdp" {
    lr       = [0.04, 0.05] # [depression, potentiation]
    bound    = "soft"
    tau_pre  = 5  # ms
    tau_post = 20 # ms
  }
}

# Max pooling over 2 x 2 windows: an input neuron spikes when any neuron
# of its window did.
population "pool" {
  model = "input"
  shape = [6, 6, 4]
}

synapse "p1" {
  from        = population.feat
  to          = population.pool
  connect     = "pool2d"
  pool        = "max"
  kernel_size = 2
}

monitor "img" {
  target    = population.img
  variables = ["s"]
}

monitor "label" {
  target    = population.img
  variables = ["label"]
  indices   = [0]
}

monitor "feat" {
  target    = population.feat
  variables = ["s"]
}

monitor "pool" {
  target    = population.pool
  variables = ["s"]
}
