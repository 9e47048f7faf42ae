variable "thr" {
  type    = number
  default = -30
  validation {
    condition     = var.thr < -40 # ERROR: Invalid value for variable
    error_message = "The threshold must be below -40 mV."
  }
}

variable "other" {
  default = 1
  validation {
    condition     = var.thr > 0 # ERROR: Invalid reference in variable validation
    error_message = "x"
  }
}

variable "flag" {
  default = 5
  validation {
    condition     = var.flag # ERROR: Invalid validation result
    error_message = "x"
  }
}

variable "ok" {
  type    = list(number)
  default = [-50, -52]
  validation {
    condition     = alltrue([for t in var.ok : t < -40])
    error_message = "All thresholds must be below -40 mV."
  }
}
