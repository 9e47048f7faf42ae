#!/usr/bin/env python3
"""Reference spike times of the COBAHH neuron (Brian2's examples/COBAHH.py,
without synapses, driven by constant currents) computed with Brian2's
exponential Euler at dt = 0.01 ms, numpy target (no compiler).

Run:  /usr/bin/python3 hh_brian2.py > hh_brian2.json   (Debian's python3-brian 2.5.1)
The Go test TestHodgkinHuxleyBrian2 integrates the same equations and
compares the spike times.
"""
import json
from brian2 import *

prefs.codegen.target = 'numpy'
defaultclock.dt = 0.01*ms

area = 20000*umetre**2
Cm = (1*ufarad*cm**-2) * area
gl = (5e-5*siemens*cm**-2) * area
El = -60*mV
EK = -90*mV
ENa = 50*mV
g_na = (100*msiemens*cm**-2) * area
g_kd = (30*msiemens*cm**-2) * area
VT = -63*mV

eqs = '''
dv/dt = (gl*(El-v) - g_na*(m*m*m)*h*(v-ENa) - g_kd*(n*n*n*n)*(v-EK) + I)/Cm : volt
dm/dt = alpha_m*(1-m)-beta_m*m : 1
dn/dt = alpha_n*(1-n)-beta_n*n : 1
dh/dt = alpha_h*(1-h)-beta_h*h : 1
alpha_m = 0.32*(mV**-1)*4*mV/exprel((13*mV-v+VT)/(4*mV))/ms : Hz
beta_m = 0.28*(mV**-1)*5*mV/exprel((v-VT-40*mV)/(5*mV))/ms : Hz
alpha_h = 0.128*exp((17*mV-v+VT)/(18*mV))/ms : Hz
beta_h = 4./(1+exp((40*mV-v+VT)/(5*mV)))/ms : Hz
alpha_n = 0.032*(mV**-1)*5*mV/exprel((15*mV-v+VT)/(5*mV))/ms : Hz
beta_n = .5*exp((10*mV-v+VT)/(40*mV))/ms : Hz
I : amp
'''
currents = [0.05, 0.1, 0.2, 0.5, 1.0]  # nA
P = NeuronGroup(len(currents), model=eqs, threshold='v > -20*mV', refractory='v > -20*mV',
                method='exponential_euler')
P.v = -65*mV
P.m = 0.05
P.h = 0.6
P.n = 0.32
P.I = currents*nA
S = SpikeMonitor(P)
run(200*ms)
out = {'dt_ms': 0.01, 'duration_ms': 200, 'currents_nA': currents,
       'spike_times_ms': [[float(t/ms) for t in S.spike_trains()[i]] for i in range(len(currents))]}
print(json.dumps(out, indent=1))
