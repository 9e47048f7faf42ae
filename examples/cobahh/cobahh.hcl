# The COBAHH benchmark network (Brette et al. 2007, benchmark 3, in the
# form of Brian2's examples/COBAHH.py): 4000 Hodgkin-Huxley neurons
# (Traub-Miles type), 3200 excitatory and 800 inhibitory, connected at
# random with probability 0.02 through conductance-based synapses. The
# neuron is written as equations; each synapse adds its weight to the
# target's conductance ge or gi (target_var), as Brian2's on_pre.

simulation {
  dt       = 0.1  # ms
  duration = 1000 # ms
  seed     = 1
}

neuron_model "cobahh" {
  equations = <<-EQ
    dv/dt = (gl*(El-v) + ge*(Ee-v) + gi*(Ei-v) - g_na*(m*m*m)*h*(v-ENa) - g_kd*(n*n*n*n)*(v-EK))/Cm : volt
    dm/dt = alpha_m*(1-m)-beta_m*m : 1
    dn/dt = alpha_n*(1-n)-beta_n*n : 1
    dh/dt = alpha_h*(1-h)-beta_h*h : 1
    dge/dt = -ge*(1./taue) : siemens
    dgi/dt = -gi*(1./taui) : siemens
    alpha_m = 0.32*(mV**-1)*4*mV/exprel((13*mV-v+VT)/(4*mV))/ms : Hz
    beta_m = 0.28*(mV**-1)*5*mV/exprel((v-VT-40*mV)/(5*mV))/ms : Hz
    alpha_h = 0.128*exp((17*mV-v+VT)/(18*mV))/ms : Hz
    beta_h = 4./(1+exp((40*mV-v+VT)/(5*mV)))/ms : Hz
    alpha_n = 0.032*(mV**-1)*5*mV/exprel((15*mV-v+VT)/(5*mV))/ms : Hz
    beta_n = .5*exp((10*mV-v+VT)/(40*mV))/ms : Hz
  EQ
  threshold  = "v > -20*mV"
  refractory = "3 ms"
  method     = "exponential_euler"
  parameters = {
    Cm   = "(1*ufarad*cm**-2) * 20000*umetre**2"     # 0.2 nF
    gl   = "(5e-5*siemens*cm**-2) * 20000*umetre**2" # 10 nS
    g_na = "(100*msiemens*cm**-2) * 20000*umetre**2" # 20 uS
    g_kd = "(30*msiemens*cm**-2) * 20000*umetre**2"  # 6 uS
    El   = "-60 mV"
    EK   = "-90 mV"
    ENa  = "50 mV"
    VT   = "-63 mV"
    Ee   = "0 mV"
    Ei   = "-80 mV"
    taue = "5 ms"
    taui = "10 ms"
  }
}

locals {
  # Brian2: v = El + (randn()*5 - 5)*mV, ge = (randn()*1.5 + 4)*10*nS,
  # gi = (randn()*12 + 20)*10*nS; conductances in uS.
  init = {
    v  = normal(-65, 5)
    ge = normal(0.04, 0.015)
    gi = normal(0.2, 0.12)
  }
}

population "exc" {
  model       = "cobahh"
  n           = 3200
  spike_trace = false
  v_init      = local.init.v
  ge_init     = local.init.ge
  gi_init     = local.init.gi
}

population "inh" {
  model         = "cobahh"
  n             = 800
  is_inhibitory = true
  spike_trace   = false
  v_init        = local.init.v
  ge_init       = local.init.ge
  gi_init       = local.init.gi
}

# we = 6 nS, wi = 67 nS; every spike arrives one step later (the default
# delay; Brian2's COBAHH delivers in the step of the spike).
synapse "ee" {
  from       = population.exc
  to         = population.exc
  connect    = "random"
  p          = 0.02
  weight     = 0.006 # uS
  target_var = "ge"
}

synapse "ei" {
  from       = population.exc
  to         = population.inh
  connect    = "random"
  p          = 0.02
  weight     = 0.006 # uS
  target_var = "ge"
}

synapse "ie" {
  from       = population.inh
  to         = population.exc
  connect    = "random"
  p          = 0.02
  weight     = 0.067 # uS
  target_var = "gi"
}

synapse "ii" {
  from       = population.inh
  to         = population.inh
  connect    = "random"
  p          = 0.02
  weight     = 0.067 # uS
  target_var = "gi"
}

monitor "exc" {
  target = population.exc
}

monitor "inh" {
  target = population.inh
}
