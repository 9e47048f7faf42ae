variable "thr" {
  type        = list(number)
  description = "one threshold per neuron, mV"
  default     = [-50, -52, -54]
  validation {
    condition     = alltrue([for t in var.thr : t < -40])
    error_message = "Every threshold must be below -40 mV."
  }
}

variable "label" {
  type    = string
  default = "net"
}

variable "cfg" {
  type    = object({ rate = number, n = optional(number, 2) })
  default = { rate = 10 }
}

variable "on" {
  type    = bool
  default = true
}

locals {
  thr = [for t in var.thr : t - 0]
}

population "exc" {
  model     = "lif"
  n         = length(var.thr)
  threshold = local.thr
  learning  = var.on
}

population "src" {
  model = "poisson"
  n     = var.cfg.n
  rate  = var.cfg.rate
}

monitor "m" {
  target    = population.exc
  variables = ["s"]
  every     = var.label == "net" ? 3 : 6
}
