# Math functions outside their domain: a diagnostic, never a Go stack
# trace.
locals {
  a = sqrt(-1)        # ERROR: Invalid function argument
  b = pow(-1, 0.5)    # ERROR: Invalid function argument
  c = log(-1, 10)     # ERROR: Invalid function argument
  d = log(8, 1)       # ERROR: Invalid function argument
  e = pow(0, -1)      # ERROR: Invalid function argument
  f = exp(1000)       # ERROR: Error in function call
  g = sqrt(1e400)     # ERROR: Invalid function argument
  h = uniform(0, 1e400) # ERROR: Invalid function argument
}
