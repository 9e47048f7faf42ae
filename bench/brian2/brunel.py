#!/usr/bin/env python3
"""Brunel (2000) network in Brian2 C++ standalone mode, as bench/brunel.

The same network as bench/brunel/brunel.go, which follows Brian2's
examples/frompapers/Brunel_2000.py (figure 8B, g = 6, nu_ext/nu_thr = 4):
10 000 LIF neurons (8000 excitatory, 2000 inhibitory; --n scales them),
tau = 20 ms,
threshold 20 mV, reset 10 mV, refractory 2 ms, v0 = 0; every ordered pair
connected with p = 0.1 without autapses (about 10^7 synapses), a spike
makes the target's v jump by J = 0.1 mV (excitatory) or -g J = -0.6 mV
(inhibitory) 1.5 ms later; PoissonInput of 1000 sources of 40 Hz per
neuron, each spike a jump of J. dt = 0.1 ms. The same network as
bench/networks/brunel.hcl, which bench/compare.sh runs against this.

Output, one line per repetition:
    brian2 run_time_s=<s> build_s=<s> build_cpu_s=<s> wall_s=<s> spikes=<n> rate_hz=<hz> synapses=<n>
run_time_s is Brian2's own timing of the simulation loop
(device._last_run_time); build_s is the wall time of the binary's
construction of the synapses (the two connect() calls), timed inside the
binary with std::chrono around the generated code, and build_cpu_s its
CPU time (std::clock); wall_s is the whole binary.
"""
import argparse
import os
import tempfile
import time

from brian2 import (NeuronGroup, PoissonInput, SpikeMonitor, Synapses, defaultclock, device,
                    ms, mV, Hz, prefs, run, seed, set_device)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--dir', default=os.path.join(tempfile.gettempdir(), 'brunel_brian2'))
    ap.add_argument('--reps', type=int, default=1)
    ap.add_argument('--threads', type=int, default=0)
    ap.add_argument('--ms', type=float, default=1000)
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--n', type=int, default=10000, help='number of neurons (80%% excitatory)')
    args = ap.parse_args()

    set_device('cpp_standalone', directory=args.dir, build_on_run=False)
    prefs.devices.cpp_standalone.openmp_threads = args.threads
    prefs.codegen.cpp.headers += ['<chrono>', '<cstdio>', '<ctime>']
    defaultclock.dt = 0.1 * ms
    seed(args.seed)

    N_E = int(0.8 * args.n)
    N_I = args.n - N_E
    tau, theta, V_r, tau_rp = 20 * ms, 20 * mV, 10 * mV, 2 * ms
    J, g, D, eps = 0.1 * mV, 6.0, 1.5 * ms, 0.1
    eqs = 'dv/dt = -v/tau : volt (unless refractory)'
    neurons = NeuronGroup(N_E + N_I, eqs, threshold='v > theta', reset='v = V_r',
                          refractory=tau_rp, method='exact')
    neurons.v = 0 * mV
    device.insert_code('main', 'auto _bench_t0 = std::chrono::steady_clock::now(); std::clock_t _bench_c0 = std::clock();')
    exc = Synapses(neurons[:N_E], neurons, on_pre='v += J', delay=D)
    exc.connect('i != j', p=eps)
    inh = Synapses(neurons[N_E:], neurons, on_pre='v += -g*J', delay=D)
    inh.connect('i + N_E != j', p=eps)
    device.insert_code('main', '{ FILE *_f = std::fopen("construction_s.txt", "w"); std::fprintf(_f, "%.4f %.4f\\n", std::chrono::duration<double>(std::chrono::steady_clock::now() - _bench_t0).count(), double(std::clock() - _bench_c0) / CLOCKS_PER_SEC); std::fclose(_f); }')
    bg = PoissonInput(neurons, 'v', 1000, 40 * Hz, weight=J)  # noqa: F841 (kept for the magic network)
    mon = SpikeMonitor(neurons, record=False)
    run(args.ms * ms)

    t0 = time.perf_counter()
    device.build(directory=args.dir, compile=True, run=False)
    print(f'brian2 compile_s={time.perf_counter() - t0:.1f}', flush=True)
    for _ in range(args.reps):
        t0 = time.perf_counter()
        device.run(directory=args.dir, with_output=False, run_args=[])
        wall = time.perf_counter() - t0
        with open(os.path.join(args.dir, 'construction_s.txt')) as f:
            build, build_cpu = (float(x) for x in f.read().split())
        count = mon.count[:]
        print(f'brian2 run_time_s={device._last_run_time:.4f} build_s={build:.4f} build_cpu_s={build_cpu:.4f} wall_s={wall:.4f} '
              f'spikes={count.sum()} rate_hz={count.sum() / (N_E + N_I) / (args.ms / 1000):.2f} '
              f'synapses={len(exc) + len(inh)}', flush=True)

if __name__ == '__main__':
    main()
