# Every kind of state a checkpoint must hold: Poisson populations with a
# schedule, a data population (shuffled, Poisson-encoded), poisson_input
# and Ornstein-Uhlenbeck stimuli, per-synapse delays, exponential and
# alpha kernels, STDP, R-STDP fed by a reward schedule, equation-defined
# neuron and synapse models, and monitors of spikes, state variables,
# weights and signals.

simulation {
  dt       = 0.1
  duration = 40
  seed     = 11
  tau_d    = 20
}

population "noise" {
  model         = "poisson"
  n             = 300
  rate          = 20
  rate_schedule = [[15, 40], [30, 10]]
}

population "data" {
  model    = "data"
  source   = "samples.csv"
  stacked  = true
  present  = 7
  rest     = 3
  epochs   = 2
  shuffle  = true
  encoder  = "poisson"
  max_rate = 300
}

population "exc" {
  model         = "lif"
  n             = 5000
  refrac_length = 2
  tau_m         = 20
  v_init        = uniform(-65, -52)
}

population "inh" {
  model = "alif"
  n     = 40
}

stimulus "bg" {
  target        = population.exc
  poisson_input = { n = 200, rate = 10, weight = 0.3 }
}

stimulus "noise_i" {
  target = population.inh
  ou     = { mean = 0.5, sigma = 0.3, tau = 5 }
}

synapse "noise_exc" {
  from    = population.noise
  to      = population.exc
  connect = "random"
  p       = 0.05
  weight  = uniform(0, 2)
  delay   = uniform(0.1, 3)
  kernel  = "exponential"
  tau     = 5
  learning "stdp" {
    lr    = [0.001, 0.002]
    w_max = 3
  }
}

synapse "data_inh" {
  from    = population.data
  to      = population.inh
  connect = "dense"
  weight  = uniform(0, 1)
  delay   = 1.5
  kernel  = "alpha"
  tau     = 2
  learning "rstdp" {
    lr    = [0.01, 0.02]
    tau_c = 20
    w_max = 2
  }
}

synapse "exc_inh" {
  from    = population.exc
  to      = population.inh
  connect = "random"
  p       = 0.02
  weight  = 0.5
}

synapse "inh_exc" {
  from    = population.inh
  to      = population.exc
  connect = "random"
  p       = 0.1
  weight  = 1
  delay   = uniform(0.5, 2)
}

reward "schedule" {
  schedule = [{ time = 5, amount = 1 }, { time = 18, amount = -0.5 }, { time = 33, amount = 2 }]
}

monitor "exc" {
  target    = population.exc
  variables = ["s", "v"]
  indices   = [0, 1, 2, 3, 4, 100, 4999]
}

monitor "inh" {
  target    = population.inh
  variables = ["s", "v", "w"]
}

monitor "data" {
  target    = population.data
  variables = ["s"]
  stream    = true
}

monitor "w" {
  target  = synapse.data_inh
  every   = 7
  indices = [0, 1, 2, 50, 95]
}

monitor "da" {
  variables = ["dopamine", "reward"]
}

neuron_model "adex" {
  equations  = <<-EQ
    dv/dt = (-(v - E_L) + delta_T*exp((v - V_T)/delta_T) - R*w + R*I) / tau_m : mV (unless refractory)
    dw/dt = (a*(v - E_L) - w) / tau_w : nA
  EQ
  threshold  = "v > V_T + 5*delta_T"
  reset      = "v = V_r; w += b"
  refractory = "2 ms"
  method     = "auto"
  parameters = { tau_m = "20 ms", E_L = "-70 mV", V_T = "-50 mV", delta_T = "2 mV",
  R = "100 MOhm", tau_w = "100 ms", a = "0.002 uS", b = "0.05 nA", V_r = "-58 mV" }
  init = { v = "-70 mV" }
}

population "eq" {
  model  = "adex"
  n      = 60
  v_init = uniform(-70, -55)
}

synapse "exc_eq" {
  from    = population.exc
  to      = population.eq
  connect = "random"
  p       = 0.05
  weight  = 0.05
  delay   = 1
}

monitor "eq" {
  target    = population.eq
  variables = ["s", "v", "w"]
}

population "grid" {
  model = "poisson"
  shape = [8, 8, 1]
  rate  = 60
}

population "feat" {
  model              = "lif"
  shape              = [6, 6, 2]
  lateral_inhibition = 1
  k_winners          = 4
  wta_window         = 3 # ms: a window straddles the checkpoint
}

synapse "grid_feat" {
  from         = population.grid
  to           = population.feat
  connect      = "conv2d"
  kernel_size  = 3
  channels_out = 2
  weight       = uniform(2, 6)
  learning "stdp" {
    lr    = [0.01, 0.02]
    w_max = 8
  }
}

# An equation-defined synapse model (issue 11): per-synapse event-driven
# traces advanced lazily between events, a write into the target's
# conductance and a clock-driven eligibility read by on_step.
neuron_model "cond" {
  equations  = <<-EQ
    dv/dt = (-(v - E_L) + ge*(E_e - v)) / tau_m : mV
    dge/dt = -ge / tau_e : 1
  EQ
  threshold  = "v > -50*mV"
  reset      = "v = -60*mV"
  refractory = "2 ms"
  parameters = { tau_m = "20 ms", E_L = "-70 mV", E_e = "0 mV", tau_e = "5 ms" }
  init       = { v = "-65 mV" }
}

population "cond" {
  model  = "cond"
  n      = 40
  v_init = uniform(-70, -52)
}

synapse_model "stdp_eq" {
  equations = <<-EQ
    w : 1
    dapre/dt  = -apre / tau_pre   : 1 (event-driven)
    dapost/dt = -apost / tau_post : 1 (event-driven)
  EQ
  on_pre  = "ge_post += w * g_max; apre += A_pre; w = clip(w + apost, 0, 1)"
  on_post = "apost += A_post; w = clip(w + apre, 0, 1)"
  parameters = { tau_pre = "20 ms", tau_post = "20 ms", A_pre = 0.01, A_post = -0.0105, g_max = 0.002 }
}

synapse "exc_cond" {
  from    = population.exc
  to      = population.cond
  model   = "stdp_eq"
  connect = "random"
  p       = 0.2
  weight  = uniform(0, 1)
  delay   = 2
}

monitor "cond" {
  target    = population.cond
  variables = ["s", "v", "ge"]
}

# A second one: a clock-driven eligibility trace, an on_step weight
# change gated by dopamine with rand() noise, a backpropagation delay
# (on_post runs 1 ms after the target's spike, a delay that straddles the
# checkpoint) and a summed input current into the adaptive population.
synapse_model "rstdp_eq" {
  equations = <<-EQ
    w : 1
    dc/dt     = -c / tau_c        : 1 (clock-driven)
    dapre/dt  = -apre / tau_pre   : 1 (event-driven)
    dapost/dt = -apost / tau_post : 1 (event-driven)
    I_post    = w * g_syn * (1 + c) : nA (summed)
  EQ
  on_pre     = "c -= ltd * apost; apre += 1"
  on_post    = "c += ltp * apre; apost += 1"
  on_step    = "w = clip(w + (dt/ms) * c * dopamine + 0.001 * (rand() - 0.5), 0, 1)"
  post_delay = "1 ms"
  parameters = { tau_c = "50 ms", tau_pre = "20 ms", tau_post = "15 ms", ltd = 0.1, ltp = 0.12, g_syn = "0.02 nA" }
}

synapse "noise_eq" {
  from    = population.noise
  to      = population.eq
  model   = "rstdp_eq"
  connect = "random"
  p       = 0.1
  weight  = uniform(0, 1)
  delay   = 1.5
}
