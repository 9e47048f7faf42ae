# One mistake inside a for expression is reported once, not per element.
locals {
  thresholds = [for i in range(42) : i * "mV"] # ERROR: Invalid operand
}
