population "cell" {
model = "lif"
    n = 3
  threshold= -50
}
