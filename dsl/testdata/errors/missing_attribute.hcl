population "exc" { # ERROR: Missing required argument
  n = 10
}
