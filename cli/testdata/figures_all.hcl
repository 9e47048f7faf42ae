# Every figure netrun draws for populations: a subset raster, the
# combined raster of two populations, ISI and rate histograms, every
# recorded variable (w of an AdEx), the injected current beside v, and
# record_initial.
simulation {
  dt       = 0.1
  duration = 300
  seed     = 2
}

population "a" {
  model  = "aelif"
  n      = 20
  v_init = -65
}

population "b" {
  model = "poisson"
  n     = 30
  rate  = 40
}

stimulus "drive" {
  target = population.a
  steps  = [{ start = 50, stop = 250, amplitude = 3 }]
}

synapse "ba" {
  from    = population.b
  to      = population.a
  connect = "random"
  p       = 0.2
  weight  = 1
}

monitor "a" {
  target  = population.a
  indices = [3, 7, 11]
}

monitor "b" {
  target = population.b
}

monitor "a_state" {
  target         = population.a
  variables      = ["v", "w"]
  indices        = [0, 1]
  record_initial = true
}
