# Name, cycle, reset, refractory and noise errors of neuron_model blocks.
neuron_model "undefined" {
  equations = <<-EQ
    dv/dt = (E_L - v)/tau_n : mV  # ERROR: Invalid equations of neuron model "undefined"
  EQ
  threshold  = "v > -50*mV"
  parameters = { E_L = "-70 mV", tau_m = "10 ms" }
}

neuron_model "twice" {
  equations = <<-EQ
    dv/dt = -v/tau : mV
    dv/dt = -2*v/tau : mV  # ERROR: Invalid equations of neuron model "twice"
  EQ
  threshold  = "v > 1*mV"
  parameters = { tau = "10 ms" }
}

neuron_model "cycle" {
  equations = <<-EQ
    dv/dt = (x - v)/tau : mV
    x = y + 1*mV : mV  # ERROR: Invalid equations of neuron model "cycle"
    y = x : mV
  EQ
  threshold  = "v > 1*mV"
  parameters = { tau = "10 ms" }
}

neuron_model "reset_unit" {
  equations  = "dv/dt = -v/tau : mV"
  threshold  = "v > 1*mV"
  reset      = "v = 2*nA" # ERROR: Invalid reset of neuron model "reset_unit"
  parameters = { tau = "10 ms" }
}

neuron_model "refractory_unit" {
  equations  = "dv/dt = -v/tau : mV"
  threshold  = "v > 1*mV"
  refractory = "v + 2*mV" # ERROR: Invalid refractory of neuron model "refractory_unit"
  parameters = { tau = "10 ms" }
}

neuron_model "noise_in_threshold" {
  equations  = "dv/dt = -v/tau : mV"
  threshold  = "v > xi*mV*ms**0.5" # ERROR: Invalid threshold of neuron model "noise_in_threshold"
  parameters = { tau = "10 ms" }
}

neuron_model "parameter_unit" {
  equations  = <<-EQ
    dv/dt = -v/tau : mV
    tau : ms
  EQ
  threshold  = "v > 1*mV"
  parameters = { tau = "10 mV" } # ERROR: Invalid parameters of neuron model "parameter_unit"
}

neuron_model "lif" { # ERROR: Duplicate neuron model
  equations  = "dv/dt = -v/tau : mV"
  threshold  = "v > 1*mV"
  parameters = { tau = "10 ms" }
}
