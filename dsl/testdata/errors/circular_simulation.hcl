simulation {
  dt       = local.dt
  duration = simulation.duration + 1 # ERROR: Circular reference
}

locals {
  dt = simulation.dt / 2 # ERROR: Circular reference
}
