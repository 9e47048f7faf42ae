simulation {
  dt       = 0.1
  duration = 100
  seed     = 3
}

# The example of the issue, as written.
neuron_model "adex" {
  equations = <<-EQ
    dv/dt = (-(v - E_L) + delta_T*exp((v - V_T)/delta_T) - R*w + R*I) / tau_m : mV (unless refractory)
    dw/dt = (a*(v - E_L) - w) / tau_w : nA
  EQ
  threshold  = "v > V_T + 5*delta_T"
  reset      = "v = V_r; w += b"
  refractory = "2 ms"          # or an expression, e.g. "t_ref"
  method     = "auto"          # or exact, exponential_euler, euler, rk2, rk4, heun
  parameters = { tau_m = "20 ms", E_L = "-70 mV", V_T = "-50 mV", delta_T = "2 mV",
                 R = "100 MOhm", tau_w = "100 ms", a = "0.002 uS", b = "0.05 nA", V_r = "-58 mV" }
  init       = { v = "-70 mV" }
}

neuron_model "lif_eq" {
  equations  = "dv/dt = (E_L - v + R*I)/tau_m : mV (unless refractory)"
  threshold  = "v > -50*mV"
  reset      = "v = -60*mV"
  refractory = 5
  parameters = { E_L = "-70 mV", R = "50 MOhm", tau_m = "10 ms" }
}

population "cells" {
  model  = "adex"
  n      = 4
  tau_m  = "25 ms"
  V_T    = [-50, -51, -52, -53]
  w_init = 0.01
  tau_s  = 5
}

population "lifs" {
  model  = "lif_eq"
  n      = 2
  v_init = "-65 mV"
}
