#!/usr/bin/env bash
# compare_cuba.sh: the CUBA benchmark, Go (this repository) against Brian2 C++
# standalone, run side by side: REPS rounds, each round one Go benchmark
# run (Workers = 1 and all cores) then one Brian2 run (single-threaded and,
# if BRIAN_THREADS lists more, OpenMP), so that both see the same machine
# load. It prints the medians and minima of both, and the Go results
# through benchstat if it is installed.
#
# It installs nothing. It needs:
#   - Go (the version in go.mod);
#   - Brian2 for the python3 in $PYTHON (Debian/Ubuntu:
#     apt-get install python3-brian) and a C++ compiler (g++);
#   - optionally benchstat: go install golang.org/x/perf/cmd/benchstat@latest
#
# Usage: bench/compare_cuba.sh [REPS]     (default 10)
# Environment:
#   PYTHON         default python3, or /usr/bin/python3 if only that one
#                  has Brian2
#   BRIAN_THREADS  OpenMP thread counts for Brian2, default 0 (no OpenMP);
#                  "0 2" adds a two-thread run
#   GO_BENCHTIME   default 3x: three 1-s simulations per Go run
#   OUT            directory for the raw results (default: a new
#                  temporary directory)
set -euo pipefail
cd "$(dirname "$0")/.."
REPS=${1:-10}
PYTHON=${PYTHON:-python3}
BRIAN_THREADS=${BRIAN_THREADS:-0}
GO_BENCHTIME=${GO_BENCHTIME:-3x}
OUT=${OUT:-$(mktemp -d -t cuba-compare.XXXXXX)}
mkdir -p "$OUT"

if ! "$PYTHON" -c 'import brian2' 2>/dev/null && /usr/bin/python3 -c 'import brian2' 2>/dev/null; then
  PYTHON=/usr/bin/python3 # the system Python, where apt installs Brian2
fi
if ! "$PYTHON" -c 'import brian2' 2>/dev/null; then
  echo "compare_cuba.sh: $PYTHON cannot import brian2; install it (apt-get install python3-brian) or set PYTHON" >&2
  exit 1
fi

echo "== machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "== $(go version); Brian2 $("$PYTHON" -c 'import brian2; print(brian2.__version__)' 2>/dev/null)"
echo "== raw results in $OUT"

echo "== building the Go benchmark"
go test -c -o "$OUT/graph.test" ./graph/

echo "== building the Brian2 standalone projects (code generation and compilation, not timed)"
for t in $BRIAN_THREADS; do
  "$PYTHON" bench/brian2/cuba.py --dir "$OUT/brian2-t$t" --threads "$t" --reps 0 2>/dev/null
done

: > "$OUT/go.txt"
: > "$OUT/brian2.txt"
for i in $(seq "$REPS"); do
  echo "== round $i/$REPS"
  "$OUT/graph.test" -test.run '^$' -test.bench '^BenchmarkCUBA$' -test.benchtime "$GO_BENCHTIME" \
    -test.count 1 | tee -a "$OUT/go.txt" | grep '^Benchmark'
  for t in $BRIAN_THREADS; do
    "$PYTHON" bench/brian2/cuba.py --dir "$OUT/brian2-t$t" --threads "$t" --reps 1 2>/dev/null |
      grep run_time_s | sed "s/^brian2/brian2 threads=$t/" | tee -a "$OUT/brian2.txt"
  done
done

echo
echo "== summary: medians (and minimum time) over the rounds"
"$PYTHON" - "$OUT/go.txt" "$OUT/brian2.txt" <<'PY'
import re, statistics, sys
from collections import defaultdict
# name -> list of (sim-s/bio-s, neuron-updates/s, syn-events/s, rate Hz)
runs = defaultdict(list)
for line in open(sys.argv[1]):
    if not line.startswith('BenchmarkCUBA/'):
        continue
    metric = {unit: float(v) for v, unit in re.findall(r'([\d.e+]+) (\S+/\S+|Hz)', line)}
    runs['go ' + line.split()[0]].append((metric['sim-s/bio-s'], metric['neuron-updates/s'],
                                          metric['syn-events/s'], metric['Hz']))
for line in open(sys.argv[2]):
    f = dict(kv.split('=') for kv in line.split()[1:])
    name = 'brian2 threads=' + f['threads']
    t, wall = float(f['run_time_s']), float(f['wall_s'])
    n_upd, events, rate = 4000 * 10000, int(f['events']), float(f['rate_hz'])
    runs[name].append((t, n_upd / t, events / t, rate))
    runs[name + ' whole binary'].append((wall, n_upd / wall, events / wall, rate))
print(f"{'':36s} {'sim-s/bio-s':>11s} {'(min)':>7s} {'neuron-upd/s':>12s} {'syn-events/s':>12s} {'rate Hz':>7s} {'runs':>4s}")
for name, rs in runs.items():
    med = [statistics.median(r[i] for r in rs) for i in range(4)]
    print(f"{name:36s} {med[0]:11.4f} {min(r[0] for r in rs):7.4f} {med[1]:12.4g} {med[2]:12.4g} {med[3]:7.2f} {len(rs):4d}")
PY

if command -v benchstat >/dev/null || [ -x "$(go env GOPATH)/bin/benchstat" ]; then
  echo
  echo "== benchstat (Go)"
  "$(command -v benchstat || echo "$(go env GOPATH)/bin/benchstat")" "$OUT/go.txt"
fi
