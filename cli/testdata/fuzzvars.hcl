# The network of FuzzVars: every kind of variable, each used where a value
# of its kind is needed (sizes, rates, lists in for expressions, strings,
# booleans, objects), so that a fuzzed -var value or -var-file line
# reaches each of them.

variable "n" {
  default = 3
}

variable "rate" {
  default = 20 # Hz
}

variable "thr" {
  default = [-50, -52, -54] # mV, one per neuron of "out"
}

variable "model" {
  default = "lif"
}

variable "inhibitory" {
  default = false
}

variable "w" {
  default = { mean = 0.5, sd = 0.1 }
}

variable "pulses" {
  default = [{ start = 1, stop = 5, amplitude = 2 }]
}

variable "connect" {
  default = "random"
}

simulation {
  dt       = 0.1 # ms
  duration = 10  # ms
}

locals {
  thresholds = [for t in var.thr : t - 1]
}

population "in" {
  model         = "poisson"
  n             = var.n
  rate          = var.rate
  is_inhibitory = var.inhibitory
}

population "out" {
  model     = var.model
  n         = length(var.thr)
  threshold = local.thresholds
}

synapse "s" {
  from    = population.in
  to      = population.out
  connect = var.connect
  p       = 0.5
  weight  = normal(var.w.mean, var.w.sd)
}

stimulus "pulses" {
  target = population.out
  steps  = var.pulses
}

monitor "out" {
  target    = population.out
  variables = ["s", "v"]
}
