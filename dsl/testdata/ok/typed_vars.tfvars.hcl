thr = [-45, -46]
cfg = { rate = 30, n = 5 }
