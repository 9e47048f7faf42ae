#!/usr/bin/env python3
"""CUBA benchmark (Brette et al. 2007) in Brian2 C++ standalone mode.

The same network as bench/cuba/cuba.go: 4000 LIF neurons (3200 excitatory,
800 inhibitory), p = 0.02 without autapses, exponential currents (5 ms exc,
10 ms inh), w_e = 1.62 mV, w_i = -9 mV, tau_m = 20 ms, threshold -50 mV,
reset -60 mV, rest -49 mV, refractory 5 ms, v0 uniform in [-60, -50] mV,
dt = 0.1 ms, 1 s of biological time. --n scales it (80 % excitatory, the
same p: 8*10^6 synapses for 20 000 neurons), and --stdp adds pair STDP on
the excitatory synapses (as bench/networks/cuba_stdp.hcl: traces of tau
20 ms, depression 1.05e-3 w_e and potentiation 1e-3 w_e per pair, hard
bounds [0, 2 w_e]). It is Brian2's examples/CUBA.py with
autapses excluded and spikes counted (SpikeMonitor(record=False)) rather
than recorded, since the Go benchmark only counts them. events is the
number of synaptic events: each spike counted once per outgoing synapse.

Output, one line per repetition:
    brian2 run_time_s=<s> wall_s=<s> spikes=<n> rate_hz=<hz> synapses=<n> events=<n>
run_time_s is Brian2's own timing of the simulation loop
(device._last_run_time, code generation and compilation excluded); wall_s
is the time of the whole binary (loading, initialisation, the loop and
writing results).

Needs Brian2 (Debian: apt-get install python3-brian) and a C++ compiler.
The project is built once into --dir; later invocations with the same
directory reuse the compiled objects (Brian2 rewrites only changed files).
"""
import argparse
import os
import tempfile
import time

import numpy as np
from brian2 import (NeuronGroup, SpikeMonitor, Synapses, defaultclock, device,
                    ms, mV, prefs, run, seed, set_device, second)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--dir', default=os.path.join(tempfile.gettempdir(), 'cuba_brian2'),
                    help='standalone project directory (default: %(default)s)')
    ap.add_argument('--reps', type=int, default=1, help='runs of the compiled binary')
    ap.add_argument('--threads', type=int, default=0,
                    help='OpenMP threads (0: no OpenMP, single-threaded)')
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--n', type=int, default=4000, help='number of neurons (80%% excitatory)')
    ap.add_argument('--stdp', action='store_true', help='pair STDP on the excitatory synapses')
    args = ap.parse_args()

    set_device('cpp_standalone', directory=args.dir, build_on_run=False)
    prefs.devices.cpp_standalone.openmp_threads = args.threads
    defaultclock.dt = 0.1 * ms
    seed(args.seed)

    taum, taue, taui = 20 * ms, 5 * ms, 10 * ms
    Vt, Vr, El = -50 * mV, -60 * mV, -49 * mV
    eqs = '''
    dv/dt  = (ge+gi-(v-El))/taum : volt (unless refractory)
    dge/dt = -ge/taue : volt
    dgi/dt = -gi/taui : volt
    '''
    n, n_exc = args.n, int(0.8 * args.n)
    P = NeuronGroup(n, eqs, threshold='v>Vt', reset='v = Vr', refractory=5 * ms,
                    method='exact')
    P.v = 'Vr + rand() * (Vt - Vr)'
    P.ge = 0 * mV
    P.gi = 0 * mV
    we = (60 * 0.27 / 10) * mV  # 1.62 mV
    wi = (-20 * 4.5 / 10) * mV  # -9 mV
    if args.stdp:
        taupre = taupost = 20 * ms
        ltd, ltp, wmax = 1.05e-3 * we, 1e-3 * we, 2 * we
        Ce = Synapses(P, P, model='''w : volt
                      dapre/dt = -apre/taupre : 1 (event-driven)
                      dapost/dt = -apost/taupost : 1 (event-driven)''',
                      on_pre='''ge += w
                      apre += 1
                      w = clip(w - ltd*apost, 0*mV, wmax)''',
                      on_post='''apost += 1
                      w = clip(w + ltp*apre, 0*mV, wmax)''')
    else:
        Ce = Synapses(P, P, on_pre='ge += we')
    Ci = Synapses(P, P, on_pre='gi += wi')
    Ce.connect('i<n_exc and i!=j', p=0.02)
    Ci.connect('i>=n_exc and i!=j', p=0.02)
    if args.stdp:
        Ce.w = we
    mon = SpikeMonitor(P, record=False)
    run(1 * second)

    t0 = time.perf_counter()
    device.build(directory=args.dir, compile=True, run=False)
    print(f'brian2 build_s={time.perf_counter() - t0:.1f}', flush=True)
    for _ in range(args.reps):
        t0 = time.perf_counter()
        device.run(directory=args.dir, with_output=False, run_args=[])
        wall = time.perf_counter() - t0
        count = np.asarray(mon.count[:])
        pre = np.concatenate([np.asarray(Ce.i[:]), np.asarray(Ci.i[:])])
        events = int((count * np.bincount(pre, minlength=n)).sum())
        print(f'brian2 run_time_s={device._last_run_time:.4f} wall_s={wall:.4f} '
              f'spikes={count.sum()} rate_hz={count.sum() / n:.3f} '
              f'synapses={len(pre)} events={events}', flush=True)


if __name__ == '__main__':
    main()
