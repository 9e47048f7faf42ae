cfg = { rate = "fast" }
thr = [-30, -50]
