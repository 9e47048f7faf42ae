#!/usr/bin/env bash
# parallel.sh: one worker against two on Brunel 10 000 (bench/brunel, 10^7
# synapses, poisson_input background) and CUBA 20 000 (cuba.BuildN, 8*10^6
# synapses), in alternating rounds: each round runs bench/brunel/brunelrun
# for each network with -workers 1 then -workers 2. It prints every run
# (wall and CPU time of the build and of the simulation loop, the spike
# hash, which must be the same for both worker counts, peak RSS per
# synapse, the load average) and then the median wall and CPU times and
# the speed-up (one-worker wall time / two-worker wall time).
#
# Usage: bench/parallel.sh [ROUNDS] [MS]      (default 10 rounds of 200 ms)
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-10}
MS=${2:-200}
OUT=${OUT:-$(mktemp -d -t parallel.XXXXXX)}
go build -o "$OUT/brunelrun" ./bench/brunel/brunelrun
echo "== $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); raw results in $OUT"
for r in $(seq "$ROUNDS"); do
  for net in brunel cuba; do
    for w in 1 2; do
      "$OUT/brunelrun" -net "$net" -n 20000 -ms "$MS" -workers "$w" | tee -a "$OUT/runs.txt"
    done
  done
done
python3 - "$OUT/runs.txt" <<'PY'
import statistics as st, sys
runs = [dict(kv.split('=', 1) for kv in line.split()) for line in open(sys.argv[1])]
for net in ('brunel', 'cuba'):
    med = {}
    for w in ('1', '2'):
        rs = [r for r in runs if r['net'] == net and r['workers'] == w]
        med[w] = {k: st.median(float(r[k]) for r in rs) for k in ('run_wall', 'run_cpu', 'build_wall', 'build_cpu', 'peak_rss_per_syn')}
        hashes = sorted({r['hash'] for r in rs})
        loads = [float(r['load']) for r in rs]
        print(f"{net} workers={w}: run wall {med[w]['run_wall']:.3f} s, cpu {med[w]['run_cpu']:.3f} s; "
              f"build wall {med[w]['build_wall']:.3f} s, cpu {med[w]['build_cpu']:.3f} s; "
              f"peak RSS {med[w]['peak_rss_per_syn']:.2f} B/synapse; load {min(loads):.1f}-{max(loads):.1f}; hash {','.join(hashes)}")
    # speed-up per round, then its median (rounds are adjacent in time)
    one = [float(r['run_wall']) for r in runs if r['net'] == net and r['workers'] == '1']
    two = [float(r['run_wall']) for r in runs if r['net'] == net and r['workers'] == '2']
    ratios = sorted(a / b for a, b in zip(one, two))
    print(f"{net}: two workers {med['1']['run_wall'] / med['2']['run_wall']:.2f}x faster (medians), per-round "
          f"{st.median(ratios):.2f}x (range {ratios[0]:.2f}-{ratios[-1]:.2f}); "
          f"build {med['1']['build_wall'] / med['2']['build_wall']:.2f}x")
PY
