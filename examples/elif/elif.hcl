# The seed's ELIF usage: ten exponential leaky integrate-and-fire neurons
# with the seed's default parameters, driven by the constant current 10 of
# the seed's documentation.

simulation {
  dt       = 0.1 # ms
  duration = 100 # ms
  seed     = 1
}

population "elif" {
  model         = "elif"
  n             = 10
  threshold     = -52 # mV
  theta_rh      = -60 # mV, rheobase threshold
  delta_t       = 1   # mV, slope factor
  rest_pot      = -62 # mV
  reset_pot     = -62 # mV
  refrac_length = 5   # ms
  tau_m         = 10  # ms
  R             = 20
  v_init        = uniform(-62, -55)
}

stimulus "drive" {
  target  = population.elif
  current = 10
}

monitor "elif" {
  target    = population.elif
  variables = ["s", "v"]
}
