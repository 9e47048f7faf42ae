variable "n" {
  type    = number
  default = "ten" # ERROR: Invalid default value for variable
}

variable "rates" {
  type    = map(number)
  default = { a = 1, b = "x" } # ERROR: Invalid default value for variable
}

variable "shape" {
  type = lizt(number) # ERROR: Invalid type specification
}

variable "described" {
  default     = 1
  description = 5 # ERROR: Invalid value for "description"
}
