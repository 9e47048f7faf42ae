# Issue 9: v passes about -1.7e308 before it becomes -Inf; drawing its
# figure must not hang (gonum/plot's tick labelling never returned on
# such an axis range).
population "c" {
  model = "lif"
  n     = 1
}
stimulus "d" {
  target = population.c
  steps  = [{ start = 1, stop = 100, amplitude = -1e308 }]
}
monitor "c" {
  target    = population.c
  variables = ["v"]
}
