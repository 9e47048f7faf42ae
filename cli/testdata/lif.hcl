# One LIF neuron with a constant current, small enough to follow by hand:
# v' = v + dt/tau_m*(-(v - rest_pot) + R*current) = 0.9*v + 2 (Euler,
# dt = 1 ms), threshold 10 mV, reset to 0, no refractory period.

simulation {
  dt       = 1
  duration = 50
  seed     = 2
}

population "cell" {
  model         = "lif"
  n             = 1
  threshold     = 10
  rest_pot      = 0
  reset_pot     = 0
  refrac_length = 0
  tau_m         = 10
  R             = 1
}

stimulus "drive" {
  target  = population.cell
  current = 20
}

monitor "cell" {
  target    = population.cell
  variables = ["s", "v"]
}
