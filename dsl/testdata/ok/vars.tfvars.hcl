rate = 30
n    = 6
