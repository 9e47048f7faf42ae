locals {
  a = 1 / 0          # ERROR: Division by zero
  b = 5 % 0          # ERROR: Modulo by zero
  c = 0 / 0          # ERROR: Division by zero
  d = 7 % (2 - 2)    # ERROR: Modulo by zero
  ok = 7 % 3 + 1 / 4
}
