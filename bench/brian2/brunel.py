#!/usr/bin/env python3
"""Brunel (2000) network in Brian2 C++ standalone mode.

The same network as bench/networks/brunel.hcl (and bench/brunel): Brian2's
examples/frompapers/Brunel_2000.py with g = 6 and nu_ext = 4 nu_thr, with
10 000 neurons (8000 excitatory, 2000 inhibitory; --n scales them),
connection probability 0.1 without autapses (about 10^7 synapses), jumps
of v by J = 0.1 mV (excitatory) and -g*J (inhibitory) after a delay of
1.5 ms, tau = 20 ms, theta = 20 mV, V_r = 10 mV, tau_rp = 2 ms, v0 = 0,
dt = 0.1 ms, and a background of C_ext = 1000 Poisson sources of 40 Hz
per neuron through Brian2's PoissonInput (weight J), 1 s of biological
time. Spikes are counted (SpikeMonitor(record=False)), not recorded.

Output, one line per repetition:
    brian2 run_time_s=<s> wall_s=<s> spikes=<n> rate_hz=<hz> synapses=<n>
run_time_s is Brian2's own timing of the simulation loop (std::clock:
process CPU time; code generation, compilation and network construction
excluded); wall_s is the time of the whole binary (loading, constructing
the network, the loop and writing results).
"""
import argparse
import os
import tempfile
import time

import numpy as np
from brian2 import (NeuronGroup, PoissonInput, SpikeMonitor, Synapses, defaultclock, device,
                    Hz, ms, mV, prefs, run, second, seed, set_device)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--dir', default=os.path.join(tempfile.gettempdir(), 'brunel_brian2'),
                    help='standalone project directory (default: %(default)s)')
    ap.add_argument('--reps', type=int, default=1, help='runs of the compiled binary')
    ap.add_argument('--threads', type=int, default=0,
                    help='OpenMP threads (0: no OpenMP, single-threaded)')
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--n', type=int, default=10000, help='number of neurons (80%% excitatory)')
    args = ap.parse_args()

    set_device('cpp_standalone', directory=args.dir, build_on_run=False)
    prefs.devices.cpp_standalone.openmp_threads = args.threads
    defaultclock.dt = 0.1 * ms
    seed(args.seed)

    n, n_exc = args.n, int(0.8 * args.n)
    tau, theta, V_r, tau_rp = 20 * ms, 20 * mV, 10 * mV, 2 * ms
    J, g, D, epsilon = 0.1 * mV, 6, 1.5 * ms, 0.1
    C_ext, nu_ext = 1000, 40 * Hz
    neurons = NeuronGroup(n, 'dv/dt = -v/tau : volt (unless refractory)', threshold='v > theta',
                          reset='v = V_r', refractory=tau_rp, method='exact')
    exc = Synapses(neurons[:n_exc], neurons, on_pre='v += J', delay=D)
    exc.connect('i != j', p=epsilon)
    inh = Synapses(neurons[n_exc:], neurons, on_pre='v += -g*J', delay=D)
    inh.connect('i + n_exc != j', p=epsilon)
    background = PoissonInput(target=neurons, target_var='v', N=C_ext, rate=nu_ext, weight=J)
    mon = SpikeMonitor(neurons, record=False)
    run(1 * second)

    t0 = time.perf_counter()
    device.build(directory=args.dir, compile=True, run=False)
    print(f'brian2 build_s={time.perf_counter() - t0:.1f}', flush=True)
    for _ in range(args.reps):
        t0 = time.perf_counter()
        device.run(directory=args.dir, with_output=False, run_args=[])
        wall = time.perf_counter() - t0
        count = np.asarray(mon.count[:])
        synapses = len(exc.i[:]) + len(inh.i[:])
        print(f'brian2 run_time_s={device._last_run_time:.4f} wall_s={wall:.4f} '
              f'spikes={count.sum()} rate_hz={count.sum() / n:.3f} synapses={synapses}', flush=True)


if __name__ == '__main__':
    main()
