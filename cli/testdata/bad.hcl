population "cell" {
  model    = "lif"
  n        = 3
  theshold = -50
}
