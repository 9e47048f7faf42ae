# The issue's synapse_model form on a conductance neuron written as
# equations, and an equation form of stdp side by side with the built-in
# rule on the same spikes.
simulation {
  dt       = 0.1
  duration = 1000
  seed     = 11
}

neuron_model "coba" {
  equations = <<-EQ
    dv/dt = (E_L - v)/tau_m + ge*(E_e - v)/C : mV
    dge/dt = -ge/tau_e : uS
  EQ
  threshold  = "v > -50*mV"
  reset      = "v = -60*mV"
  parameters = { E_L = "-70 mV", E_e = "0 mV", tau_m = "20 ms", tau_e = "5 ms", C = "0.2 nF" }
  init       = { v = "-70 mV" }
}

synapse_model "stdp_song" {
  equations = <<-EQ
    w : 1
    dapre/dt  = -apre / tau_pre   : 1 (event-driven)
    dapost/dt = -apost / tau_post : 1 (event-driven)
  EQ
  on_pre  = "ge_post += w * g_max; apre += A_pre; w = clip(w + apost, 0, 1)"
  on_post = "apost += A_post; w = clip(w + apre, 0, 1)"
  parameters = { tau_pre = "20 ms", tau_post = "20 ms", A_pre = 0.01, A_post = -0.0105, g_max = "0.01 uS" }
}

synapse_model "pair" {
  equations = <<-EQ
    w : 1
    dx/dt = -x/tau_pre  : 1 (event-driven)
    dy/dt = -y/tau_post : 1 (event-driven)
  EQ
  on_pre  = "w = clip(w - ltd*y, 0, 1); x += 1"
  on_post = "w = clip(w + ltp*x, 0, 1); y += 1"
  parameters = { tau_pre = "20 ms", tau_post = "20 ms", ltd = 0.0105, ltp = 0.01 }
}

population "in" {
  model = "poisson"
  n     = 100
  rate  = 20
}

population "cell" {
  model = "coba"
  n     = 4
}

population "out" {
  model = "poisson"
  n     = 5
  rate  = 15
}

synapse "exc" {
  from         = population.in
  to           = population.cell
  model        = "stdp_song"
  weight       = uniform(0, 1)
  w_max        = 1
  tau_post     = "25 ms"
  apre_init    = 0
  save_weights = true
}

synapse "eq" {
  from   = population.in
  to     = population.out
  model  = "pair"
  weight = 0.5
  w_max  = 1
  delay  = 1.5
}

synapse "builtin" {
  from   = population.in
  to     = population.out
  weight = 0.5
  w_max  = 1
  delay  = 1.5
  learning "stdp" {
    lr       = [0.0105, 0.01]
    tau_pre  = 20
    tau_post = 20
  }
}

monitor "w" {
  target   = synapse.exc
  every_ms = 100
  indices  = [0, 1, 2]
}
