# Decision making by competition (the seed's phase 4): two excitatory
# populations, exc["a"] and exc["b"], each excite themselves and a shared
# inhibitory population, which inhibits both. Each receives its own
# Poisson input; the one with the stronger input fires more, and through
# the inhibition silences the other. The two sides are stamped out with
# for_each over their input rates.

variable "rate_a" {
  description = "rate of the Poisson neurons driving population a, Hz"
  default     = 24
}

variable "rate_b" {
  description = "rate of the Poisson neurons driving population b, Hz"
  default     = 18
}

simulation {
  dt       = 0.1 # ms
  duration = 500 # ms
  seed     = 4
}

locals {
  sides = { a = var.rate_a, b = var.rate_b } # input rate of each side, Hz
}

population "exc" {
  for_each      = local.sides
  model         = "lif"
  n             = 200
  threshold     = -50 # mV
  rest_pot      = -60 # mV
  reset_pot     = -60 # mV
  refrac_length = 2   # ms
  tau_m         = 20  # ms
  R             = 1
  spike_trace   = false
  v_init        = uniform(-60, -50)
}

population "inh" {
  model         = "lif"
  n             = 100
  threshold     = -50 # mV
  rest_pot      = -60 # mV
  reset_pot     = -60 # mV
  refrac_length = 1   # ms
  tau_m         = 10  # ms
  R             = 1
  spike_trace   = false
  is_inhibitory = true
  v_init        = uniform(-60, -50)
}

population "input" {
  for_each = local.sides
  model    = "poisson"
  n        = 500
  rate     = each.value # Hz
}

synapse "input_exc" {
  for_each = local.sides
  from     = population.input[each.key]
  to       = population.exc[each.key]
  connect  = "fixed_indegree"
  k        = 50
  weight   = 2.5
  kernel   = "exponential"
  tau      = 5 # ms
}

synapse "recurrent" {
  for_each = local.sides
  from     = population.exc[each.key]
  to       = population.exc[each.key]
  connect  = "random"
  p        = 0.1
  weight   = 0.5
  delay    = 1 # ms
  kernel   = "exponential"
  tau      = 5 # ms
}

synapse "exc_inh" {
  for_each = local.sides
  from     = population.exc[each.key]
  to       = population.inh
  connect  = "random"
  p        = 0.2
  weight   = 1
  delay    = 1 # ms
  kernel   = "exponential"
  tau      = 5 # ms
}

synapse "inh_exc" {
  for_each = local.sides
  from     = population.inh
  to       = population.exc[each.key]
  connect  = "random"
  p        = 0.3
  weight   = 3
  delay    = 1 # ms
  kernel   = "exponential"
  tau      = 10 # ms
}

monitor "exc" {
  for_each = local.sides
  target   = population.exc[each.key]
}

monitor "inh" {
  target = population.inh
}
