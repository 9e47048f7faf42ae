#!/usr/bin/env python3
"""Every workload of issue 13's table, this engine (netrun) against Brian2
C++ standalone, in alternating rounds; prints the ratios.

Run it as bench/compare.sh [--rounds N] (default 3 rounds). In each round
every workload runs once on each side, ours first, so that both see the
same machine load; the table gives medians over the rounds with the range
in brackets.

Ours is the README's command, `netrun run NET -workers W -quiet
-no-figures` on the networks of bench/networks/ (no monitors: spikes are
counted, as Brian2's SpikeMonitor(record=False) counts them), with the
loop's CPU time from summary.json (sim_cpu_seconds: the process's, every
thread included), the loop's wall time (sim_seconds), the build's CPU
time (build_cpu_seconds: start of the command to the loop's) and the
peak resident set (/usr/bin/time's maximum RSS). Brian2's side is the
compiled standalone binary of bench/brian2/*.py, run directly: its loop
time is results/last_run_info.txt (std::clock around the loop: CPU time),
its construction the binary's CPU time (user + system, /usr/bin/time)
less the loop's, its peak memory /usr/bin/time's maximum RSS.

The rows:
  cuba4k      CUBA 4000 neurons, 1 s, one worker: loop CPU time, ours / Brian2
  cuba20k     CUBA 20 000 (8e6 synapses), one worker: the same
  brunel10k   Brunel 10 000 (1e7 synapses, 1.5 ms delay, poisson_input),
              one worker: the same
  workers     wall time of the loop with one worker / with two (ours),
              on Brunel 10 000 and CUBA 20 000
  plastic     CUBA 4000 with pair STDP on the excitatory synapses / static,
              loop CPU time, ours and Brian2's
  build       building Brunel's 1e7 synapses (and the rest of the network):
              CPU time, ours / Brian2's construction
  memory      peak RSS per synapse on Brunel, ours and Brian2's

Needs Go, /usr/bin/time, and Brian2 with a C++ compiler for the python3
that runs this script (Debian: apt-get install python3-brian g++).
Building the Brian2 projects (code generation and compilation) is done
once per output directory and not timed.
"""
import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# name -> (network file, -var settings, workers)
OURS = {
    'cuba4k': ('bench/networks/cuba.hcl', [], 1),
    'cuba20k': ('bench/networks/cuba.hcl', ['n=20000'], 1),
    'cuba20k-w2': ('bench/networks/cuba.hcl', ['n=20000'], 2),
    'cuba4k-stdp': ('bench/networks/cuba_stdp.hcl', [], 1),
    'brunel10k': ('bench/networks/brunel.hcl', [], 1),
    'brunel10k-w2': ('bench/networks/brunel.hcl', [], 2),
}
# name -> (script, arguments)
BRIAN = {
    'cuba4k': ('bench/brian2/cuba.py', []),
    'cuba20k': ('bench/brian2/cuba.py', ['--n', '20000']),
    'cuba4k-stdp': ('bench/brian2/cuba.py', ['--stdp']),
    'brunel10k': ('bench/brian2/brunel.py', []),
}
# workload -> the runs it needs (ours, Brian2's)
WORKLOADS = {
    'cuba4k': (['cuba4k'], ['cuba4k']),
    'cuba20k': (['cuba20k'], ['cuba20k']),
    'brunel10k': (['brunel10k'], ['brunel10k']),
    'workers': (['brunel10k', 'brunel10k-w2', 'cuba20k', 'cuba20k-w2'], []),
    'plastic': (['cuba4k', 'cuba4k-stdp'], ['cuba4k', 'cuba4k-stdp']),
    'build': (['brunel10k'], ['brunel10k']),
    'memory': (['brunel10k'], ['brunel10k']),
}


def log(*a):
    print(*a, file=sys.stderr, flush=True)


def timed(cmd, cwd, tfile):
    """Runs cmd under /usr/bin/time; returns (wall s, CPU s, max RSS bytes)."""
    subprocess.run(['/usr/bin/time', '-o', tfile, '-f', '%e %U %S %M'] + cmd, cwd=cwd, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wall, user, sys_, rss = open(tfile).read().split()[-4:]
    return float(wall), float(user) + float(sys_), int(rss) * 1024


def run_ours(name, out, netrun):
    net, variables, workers = OURS[name]
    d = os.path.join(out, 'ours-' + name)
    cmd = [netrun, 'run', net, '-out', d, '-workers', str(workers), '-quiet', '-no-figures']
    for v in variables:
        cmd += ['-var', v]
    wall, cpu, rss = timed(cmd, ROOT, os.path.join(out, 'time.txt'))
    s = json.load(open(os.path.join(d, 'summary.json')))
    syn = sum(e['synapses'] for e in s['synapses'].values())
    spikes = sum(p['spikes'] for p in s['populations'].values())
    n = sum(p['n'] for p in s['populations'].values())
    return {'loop_cpu': s['sim_cpu_seconds'], 'loop_wall': s['sim_seconds'], 'build_cpu': s['build_cpu_seconds'],
            'build_wall': s['build_seconds'], 'rss': rss, 'synapses': syn, 'rate': spikes / n / (s['duration_ms'] / 1000),
            'process_wall': wall, 'process_cpu': cpu}


def build_brian(name, out, python):
    script, args = BRIAN[name]
    d = os.path.join(out, 'brian2-' + name)
    log(f'== building the Brian2 project {name} ({script} {" ".join(args)}) in {d}')
    r = subprocess.run([python, script, '--dir', d, '--reps', '1'] + args, cwd=ROOT, check=True,
                       capture_output=True, text=True)
    line = [l for l in r.stdout.splitlines() if 'run_time_s=' in l][-1]
    f = dict(kv.split('=') for kv in line.split()[1:])
    return d, int(f['synapses']), float(f['rate_hz'])


def run_brian(name, d, synapses, rate, out):
    wall, cpu, rss = timed(['./main'], d, os.path.join(out, 'time.txt'))
    loop = float(open(os.path.join(d, 'results', 'last_run_info.txt')).read().split()[0])
    return {'loop_cpu': loop, 'build_cpu': cpu - loop, 'rss': rss, 'synapses': synapses, 'rate': rate,
            'process_wall': wall, 'process_cpu': cpu}


def med(xs):
    return statistics.median(xs)


def fmt(xs, f='{:.3g}'):
    if not xs:
        return 'n/a'
    if len(xs) == 1:
        return f.format(xs[0])
    return f'{f.format(med(xs))} ({f.format(min(xs))}-{f.format(max(xs))})'


def ratios(a, b):
    """Per-round ratios a[i]/b[i]."""
    return [x / y for x, y in zip(a, b) if y > 0]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--rounds', type=int, default=3, help='alternating rounds (default %(default)s)')
    ap.add_argument('--only', default=','.join(WORKLOADS),
                    help='comma-separated workloads (default: all: %(default)s)')
    ap.add_argument('--out', default=os.path.join('/tmp', 'synapticflow-compare'),
                    help='directory for the binaries, the Brian2 projects and the runs '
                         '(default %(default)s; the Brian2 projects are reused)')
    args = ap.parse_args()
    only = [w for w in args.only.split(',') if w]
    for w in only:
        if w not in WORKLOADS:
            sys.exit(f'compare: unknown workload {w!r}; know {", ".join(WORKLOADS)}')
    ours_runs = sorted({r for w in only for r in WORKLOADS[w][0]}, key=list(OURS).index)
    brian_runs = sorted({r for w in only for r in WORKLOADS[w][1]}, key=list(BRIAN).index)
    os.makedirs(args.out, exist_ok=True)

    cpu = open('/proc/cpuinfo').read()
    model = re.search(r'model name\s*:\s*(.*)', cpu).group(1)
    flags = re.search(r'flags\s*:\s*(.*)', cpu).group(1).split()
    vec = [f for f in flags if re.match(r'(avx|fma|sse4)', f)]
    import brian2
    log(f'== machine: {os.cpu_count()} CPUs, {model}; vector extensions: {" ".join(vec)}')
    log(f'== {subprocess.run(["go", "version"], capture_output=True, text=True).stdout.strip()}; '
        f'Brian2 {brian2.__version__}; load average {os.getloadavg()}')
    netrun = os.path.join(args.out, 'netrun')
    log('== building netrun')
    subprocess.run(['go', 'build', '-o', netrun, './cmd/netrun'], cwd=ROOT, check=True)
    projects = {name: build_brian(name, args.out, sys.executable) for name in brian_runs}

    ours = {name: [] for name in ours_runs}
    brian = {name: [] for name in brian_runs}
    loads = []
    for i in range(args.rounds):
        log(f'== round {i + 1}/{args.rounds} (load average {os.getloadavg()[0]:.2f})')
        loads.append(os.getloadavg()[0])
        # ours first, then Brian2's, workload by workload
        for name in ours_runs:
            ours[name].append(run_ours(name, args.out, netrun))
            r = ours[name][-1]
            log(f'   ours   {name:13s} loop {r["loop_cpu"]:.3f} s CPU, {r["loop_wall"]:.3f} s wall; '
                f'build {r["build_cpu"]:.2f} s CPU; {r["rate"]:.2f} Hz')
            if name in brian:
                brian[name].append(run_brian(name, *projects[name], args.out))
                r = brian[name][-1]
                log(f'   brian2 {name:13s} loop {r["loop_cpu"]:.3f} s CPU; construction {r["build_cpu"]:.2f} s CPU; '
                    f'{r["rate"]:.2f} Hz')

    def col(d, name, key):
        return [r[key] for r in d.get(name, [])]

    print()
    print(f'{args.rounds} alternating rounds; load average {min(loads):.1f}-{max(loads):.1f} '
          f'on {os.cpu_count()} CPUs ({model}); medians (range)')
    print()
    print('| workload | ours | Brian2 | ours / Brian2 |')
    print('|---|---|---|---|')
    for w in only:
        if w in ('cuba4k', 'cuba20k', 'brunel10k'):
            a, b = col(ours, w, 'loop_cpu'), col(brian, w, 'loop_cpu')
            label = {'cuba4k': 'CUBA 4000, 1 s, loop CPU s', 'cuba20k': 'CUBA 20 000, 1 s, loop CPU s',
                     'brunel10k': 'Brunel 10 000 (poisson_input), 1 s, loop CPU s'}[w]
            rates = f' [{med(col(ours, w, "rate")):.2f} Hz / {med(col(brian, w, "rate")):.2f} Hz]'
            print(f'| {label}{rates} | {fmt(a)} | {fmt(b)} | **{fmt(ratios(a, b), "{:.2f}")}** |')
        elif w == 'workers':
            for net in ('brunel10k', 'cuba20k'):
                a, b = col(ours, net, 'loop_wall'), col(ours, net + '-w2', 'loop_wall')
                print(f'| {net}: loop wall s, 1 worker / 2 workers (speed-up) | {fmt(a)} / {fmt(b)} | | '
                      f'**{fmt(ratios(a, b), "{:.2f}")}x** |')
        elif w == 'plastic':
            ro = ratios(col(ours, 'cuba4k-stdp', 'loop_cpu'), col(ours, 'cuba4k', 'loop_cpu'))
            rb = ratios(col(brian, 'cuba4k-stdp', 'loop_cpu'), col(brian, 'cuba4k', 'loop_cpu'))
            print(f'| CUBA 4000, pair STDP / static, loop CPU | {fmt(ro, "{:.2f}")} | {fmt(rb, "{:.2f}")} | '
                  f'{fmt(ratios(ro, rb), "{:.2f}")} |')
        elif w == 'build':
            a, b = col(ours, 'brunel10k', 'build_cpu'), col(brian, 'brunel10k', 'build_cpu')
            syn = med(col(ours, 'brunel10k', 'synapses'))
            print(f'| Brunel build ({syn:.3g} synapses), CPU s | {fmt(a)} | {fmt(b)} | **{fmt(ratios(a, b), "{:.2f}")}** |')
        elif w == 'memory':
            a = [r['rss'] / r['synapses'] for r in ours.get('brunel10k', [])]
            b = [r['rss'] / r['synapses'] for r in brian.get('brunel10k', [])]
            print(f'| Brunel peak RSS per synapse, B | {fmt(a, "{:.1f}")} | {fmt(b, "{:.1f}")} | '
                  f'**{fmt(ratios(a, b), "{:.2f}")}** |')
    json.dump({'ours': ours, 'brian2': brian, 'loads': loads}, open(os.path.join(args.out, 'results.json'), 'w'),
              indent=1)
    print()
    print(f'raw results: {os.path.join(args.out, "results.json")}')


if __name__ == '__main__':
    main()
