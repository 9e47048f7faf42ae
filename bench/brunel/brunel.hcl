# Brunel (2000) network A: 10 000 leaky integrate-and-fire neurons, 80 %
# excitatory and 20 % inhibitory, each receiving 800 excitatory and 200
# inhibitory synapses (10^7 in all) of delta kernel (v jumps by J = 0.1 mV,
# -g*J = -0.5 mV from inhibitory neurons) with a delay of 1.5 ms, and
# C_E = 800 external Poisson sources at eta times the threshold rate
# (poisson_input: no synapses stored). g = 5, eta = 2: the synchronous
# irregular fast regime. Run: netrun run bench/brunel.

variable "n" {
  description = "number of neurons; 80% excitatory, 20% inhibitory"
  default     = 10000
}

variable "g" {
  description = "relative strength of inhibition"
  default     = 5
}

variable "eta" {
  description = "external rate relative to the threshold rate"
  default     = 2
}

locals {
  n_exc = floor(0.8 * var.n)
  n_inh = var.n - local.n_exc
  c_exc = floor(0.1 * local.n_exc)    # excitatory in-degree
  c_inh = floor(0.1 * local.n_inh)    # inhibitory in-degree
  j     = 0.1                          # mV
  # nu_thr = theta / (J * C_E * tau_m), in Hz
  nu_ext = var.eta * 20 / (local.j * local.c_exc * 20) * 1000
}

simulation {
  dt       = 0.1  # ms
  duration = 1000 # ms
  seed     = 1
}

population "exc" {
  model         = "lif"
  n             = local.n_exc
  threshold     = 20 # mV
  rest_pot      = 0  # mV
  reset_pot     = 10 # mV
  refrac_length = 2  # ms
  tau_m         = 20 # ms
  R             = 1
  spike_trace   = false
  v_init        = uniform(0, 20)
}

population "inh" {
  model         = "lif"
  n             = local.n_inh
  threshold     = 20 # mV
  rest_pot      = 0  # mV
  reset_pot     = 10 # mV
  refrac_length = 2  # ms
  tau_m         = 20 # ms
  R             = 1
  spike_trace   = false
  is_inhibitory = true
  v_init        = uniform(0, 20)
}

stimulus "bg_exc" {
  target        = population.exc
  poisson_input = { n = local.c_exc, rate = local.nu_ext, weight = local.j }
}

stimulus "bg_inh" {
  target        = population.inh
  poisson_input = { n = local.c_exc, rate = local.nu_ext, weight = local.j }
}

synapse "ee" {
  from    = population.exc
  to      = population.exc
  connect = "fixed_indegree"
  k       = local.c_exc
  weight  = local.j
  delay   = 1.5
}

synapse "ei" {
  from    = population.exc
  to      = population.inh
  connect = "fixed_indegree"
  k       = local.c_exc
  weight  = local.j
  delay   = 1.5
}

synapse "ie" {
  from    = population.inh
  to      = population.exc
  connect = "fixed_indegree"
  k       = local.c_inh
  weight  = var.g * local.j
  delay   = 1.5
}

synapse "ii" {
  from    = population.inh
  to      = population.inh
  connect = "fixed_indegree"
  k       = local.c_inh
  weight  = var.g * local.j
  delay   = 1.5
}

monitor "exc" {
  target = population.exc
}

monitor "inh" {
  target = population.inh
}

monitor "exc_v" {
  target    = population.exc
  variables = ["v"]
  indices   = [0, 1, 2]
}
