# Errors inside the strings of a neuron_model point at the offending term.
neuron_model "adex" {
  equations = <<-EQ
    dv/dt = (-(v - E_L) + delta_T*exp((v - V_T)/delta_T) - a*w + R*I) / tau_m : mV (unless refractory)  # ERROR: Invalid equations of neuron model "adex"
    dw/dt = (a*(v - E_L) - w) / tau_w : nA
  EQ
  threshold  = "v > V_T + 5*tau_w" # ERROR: Invalid threshold of neuron model "adex"
  reset      = "v = V_r; w += b"
  parameters = { tau_m = "20 ms", E_L = "-70 mV", V_T = "-50 mV", delta_T = "2 mV",
                 R = "100 MOhm", tau_w = "100 ms", a = "0.002 uS", b = "0.05 nA", V_r = "-58 mV" }
}

neuron_model "bad_param" {
  equations  = "dv/dt = (E_L - v)/tau_m : mV"
  threshold  = "v > -50*mV"
  parameters = { E_L = "-70 mV",
                 tau_m = "10 mss" } # ERROR: Invalid parameters of neuron model "bad_param"
}

neuron_model "exact_nonlinear" {
  equations  = "dv/dt = (v*v/mV - v)/tau_m : mV"
  threshold  = "v > -50*mV"
  method     = "exact" # ERROR: Invalid method of neuron model "exact_nonlinear"
  parameters = { tau_m = "10 ms" }
}
