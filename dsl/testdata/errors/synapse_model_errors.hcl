# Errors of synapse_model blocks, at their ranges inside the strings.
neuron_model "coba" {
  equations = <<-EQ
    dv/dt = (E_L - v)/tau_m + ge*(E_e - v)/C : mV
    dge/dt = -ge/tau_e : uS
  EQ
  threshold  = "v > -50*mV"
  parameters = { E_L = "-70 mV", E_e = "0 mV", tau_m = "20 ms", tau_e = "5 ms", C = "0.2 nF" }
}

synapse_model "units" {
  equations = <<-EQ
    w : 1
    dapre/dt = -apre/tau_pre : 1 (event-driven)
  EQ
  on_pre     = "ge_post += w; apre += 1" # ERROR: Invalid on_pre of synapse model "units"
  parameters = { tau_pre = "20 ms" }
}

synapse_model "names" {
  equations = <<-EQ
    w : 1
    dapre/dt = -apre/tau_pr : 1 (event-driven)  # ERROR: Invalid equations of synapse model "names"
  EQ
  parameters = { tau_pre = "20 ms" }
}

synapse_model "post_var" {
  equations = "w : 1"
  on_pre    = "gee_post += w*g" # ERROR: Invalid on_pre of synapse model "post_var"
  parameters = { g = "1 uS" }
}

synapse_model "nonlinear" {
  equations = <<-EQ
    w : 1
    dx/dt = -x*x/tau : 1 (event-driven)  # ERROR: Invalid equations of synapse model "nonlinear"
  EQ
  parameters = { tau = "20 ms" }
}

synapse_model "syntax" {
  equations = "w : 1"
  on_post   = "w = = 1" # ERROR: Invalid on_post of synapse model "syntax"
}

population "in" {
  model = "poisson"
  n     = 2
  rate  = 10
}

population "cell" {
  model = "coba"
  n     = 1
}

synapse "a" {
  from  = population.in
  to    = population.cell
  model = "units"
}

synapse "b" {
  from  = population.in
  to    = population.cell
  model = "names"
}

synapse "c" {
  from  = population.in
  to    = population.cell
  model = "post_var"
}

synapse "d" {
  from  = population.in
  to    = population.cell
  model = "nonlinear"
}

synapse "e" {
  from  = population.in
  to    = population.cell
  model = "stdp_sng" # ERROR: Invalid value for "model"
}

synapse "f" {
  from    = population.in
  to      = population.cell
  tau_pre = 10 # ERROR: Invalid value for "tau_pre"
}

synapse_model "summed_missing" {
  equations = "I_gapp_post = g*(v_pre - v_post) : nA (summed)" # ERROR: Invalid equations of synapse model "summed_missing"
  parameters = { g = "1 nS" }
}

synapse "g" {
  from  = population.cell
  to    = population.cell
  model = "summed_missing"
}

synapse_model "plain" {
  equations = "w : 1"
  on_post   = "w += 0.1"
}

synapse "h" {
  from  = population.in
  to    = population.cell
  model = "plain"
  learning "stdp" { # ERROR: Learning rule with a synapse model
  }
}

synapse_model "bad_delay" {
  equations  = "w : 1"
  post_delay = "2 mV" # ERROR: Invalid post_delay of synapse model "bad_delay"
}

synapse "i" {
  from  = population.in
  to    = population.cell
  model = "bad_delay"
}

# A synapse using a model whose block failed gets no second error.
synapse "j" {
  from  = population.in
  to    = population.cell
  model = "syntax"
}
