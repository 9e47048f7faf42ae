# The data population fails to load (a bad attribute), so its shape is not
# read from the data; checking the rest must not add "has no shape".
population "img" {
  model  = "data"
  source = "tiny.pgm"
  epochs = "x" # ERROR: Invalid value for "epochs"
}

population "out" {
  model = "lif"
  n     = 4
}

synapse "img_out" {
  from = population.img
  to   = population.out
}
