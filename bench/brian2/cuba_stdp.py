#!/usr/bin/env python3
"""CUBA with pair STDP on the excitatory synapses, in Brian2 C++ standalone.

The network of bench/brian2/cuba.py (Brette et al. 2007, benchmark 2) with
the rule of the Go benchmark BenchmarkCUBAEquationSTDP
(equations/synapse_bench_test.go) on the excitatory synapses (exc -> exc
and exc -> inh, 80% of the synapses and events): per-synapse traces apre
and apost, event-driven with tau 20 ms; at an arrival ge += w, then
w = clip(w - ltd*apost, 0, 2*w_e) and apre += 1; at a postsynaptic spike
w = clip(w + ltp*apre, 0, 2*w_e) and apost += 1; ltd = 1.05e-3*w_e,
ltp = 1e-3*w_e. It is the rule as a Brian2 user writes it, and the same
equations as the Go synapse_model.

Output, one line per repetition:
    brian2 run_time_s=<s> wall_s=<s> cpu_s=<s> spikes=<n> rate_hz=<hz> synapses=<n>
run_time_s is Brian2's own timing of the simulation loop (code generation
and compilation excluded); wall_s the time of the whole binary and cpu_s
its CPU time (user + system: loading, initialisation, the loop, output).
"""
import argparse
import os
import resource
import tempfile
import time

import numpy as np
from brian2 import (NeuronGroup, SpikeMonitor, Synapses, defaultclock, device,
                    ms, mV, prefs, run, seed, set_device, second)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--dir', default=os.path.join(tempfile.gettempdir(), 'cuba_stdp_brian2'),
                    help='standalone project directory (default: %(default)s)')
    ap.add_argument('--reps', type=int, default=1, help='runs of the compiled binary')
    ap.add_argument('--seed', type=int, default=1)
    args = ap.parse_args()

    set_device('cpp_standalone', directory=args.dir, build_on_run=False)
    prefs.devices.cpp_standalone.openmp_threads = 0
    defaultclock.dt = 0.1 * ms
    seed(args.seed)

    taum, taue, taui = 20 * ms, 5 * ms, 10 * ms
    Vt, Vr, El = -50 * mV, -60 * mV, -49 * mV
    eqs = '''
    dv/dt  = (ge+gi-(v-El))/taum : volt (unless refractory)
    dge/dt = -ge/taue : volt
    dgi/dt = -gi/taui : volt
    '''
    P = NeuronGroup(4000, eqs, threshold='v>Vt', reset='v = Vr', refractory=5 * ms,
                    method='exact')
    P.v = 'Vr + rand() * (Vt - Vr)'
    we = (60 * 0.27 / 10) * mV  # 1.62 mV
    wi = (-20 * 4.5 / 10) * mV  # -9 mV
    taupre = taupost = 20 * ms
    ltd, ltp, wmax = 1.05e-3 * we, 1e-3 * we, 2 * we
    Ce = Synapses(P, P, '''
        w : volt
        dapre/dt  = -apre/taupre   : 1 (event-driven)
        dapost/dt = -apost/taupost : 1 (event-driven)''',
        on_pre='''
        ge += w
        w = clip(w - ltd*apost, 0*mV, wmax)
        apre += 1''',
        on_post='''
        w = clip(w + ltp*apre, 0*mV, wmax)
        apost += 1''')
    Ci = Synapses(P, P, on_pre='gi += wi')
    Ce.connect('i<3200 and i!=j', p=0.02)
    Ce.w = we
    Ci.connect('i>=3200 and i!=j', p=0.02)
    mon = SpikeMonitor(P, record=False)
    run(1 * second)

    t0 = time.perf_counter()
    device.build(directory=args.dir, compile=True, run=False)
    print(f'brian2 build_s={time.perf_counter() - t0:.1f}', flush=True)
    for _ in range(args.reps):
        t0 = time.perf_counter()
        r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        device.run(directory=args.dir, with_output=False, run_args=[])
        wall = time.perf_counter() - t0
        r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
        count = np.asarray(mon.count[:])
        print(f'brian2 run_time_s={device._last_run_time:.4f} wall_s={wall:.4f} cpu_s={cpu:.4f} '
              f'spikes={count.sum()} rate_hz={count.sum() / 4000:.3f} '
              f'synapses={len(Ce.i[:]) + len(Ci.i[:])}', flush=True)


if __name__ == '__main__':
    main()
