# f-I curve of the LIF and ELIF neurons: each population has one neuron per
# input current of the sweep, and neuron i receives the constant current
# local.currents[i]. The firing rate of neuron i is its spike count over
# the duration (see main.go, which draws the curve).

variable "steps" {
  description = "number of currents in the sweep, from 0 to 2 (R*I from 0 to 40 mV)"
  default     = 41
}

locals {
  currents = [for i in range(var.steps) : 2 * i / (var.steps - 1)]
}

simulation {
  dt       = 0.1  # ms
  duration = 1000 # ms
}

population "lif" {
  model         = "lif"
  n             = length(local.currents)
  threshold     = -52 # mV
  rest_pot      = -62 # mV
  reset_pot     = -62 # mV
  refrac_length = 5   # ms
  tau_m         = 10  # ms
  R             = 20
  method        = "exact"
}

population "elif" {
  model         = "elif"
  n             = length(local.currents)
  threshold     = -52 # mV
  theta_rh      = -60 # mV
  delta_t       = 1   # mV
  rest_pot      = -62 # mV
  reset_pot     = -62 # mV
  refrac_length = 5   # ms
  tau_m         = 10  # ms
  R             = 20
}

stimulus "lif_sweep" {
  target  = population.lif
  current = local.currents
}

stimulus "elif_sweep" {
  target  = population.elif
  current = local.currents
}

monitor "lif" {
  target = population.lif
}

monitor "elif" {
  target = population.elif
}
