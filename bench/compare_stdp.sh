#!/usr/bin/env bash
# compare_stdp.sh: CUBA with pair STDP on the excitatory synapses, side by
# side: REPS rounds, each one run of the Go benchmark
# BenchmarkCUBAEquationSTDP/workers=1 (the built-in stdp rule and the same
# rule written as a synapse_model, alternating, 1 s of biological time
# each) then one run of Brian2 2.5.1 C++ standalone with the same rule
# (bench/brian2/cuba_stdp.py, single-threaded). Prints the medians.
#
# Usage: bench/compare_stdp.sh [REPS]   (default 7)
set -euo pipefail
cd "$(dirname "$0")/.."
REPS=${1:-7}
PYTHON=${PYTHON:-/usr/bin/python3}
OUT=${OUT:-$(mktemp -d -t cuba-stdp.XXXXXX)}
mkdir -p "$OUT"
echo "== raw results in $OUT"
go test -c -o "$OUT/equations.test" ./equations/
"$PYTHON" bench/brian2/cuba_stdp.py --dir "$OUT/brian2" --reps 0 2>/dev/null
: > "$OUT/go.txt"
: > "$OUT/brian2.txt"
for i in $(seq "$REPS"); do
  echo "== round $i/$REPS"
  (cd equations && "$OUT/equations.test" -test.run '^$' -test.bench 'BenchmarkCUBAEquationSTDP/workers=1' \
    -test.benchtime 1x -test.count 1) | tee -a "$OUT/go.txt" | grep '^Benchmark'
  "$PYTHON" bench/brian2/cuba_stdp.py --dir "$OUT/brian2" --reps 1 2>/dev/null | grep run_time_s | tee -a "$OUT/brian2.txt"
done
"$PYTHON" - "$OUT/go.txt" "$OUT/brian2.txt" <<'PY'
import re, statistics, sys
b, e, r, bc, ec = [], [], [], [], []
for line in open(sys.argv[1]):
    m = dict((u, float(v)) for v, u in re.findall(r'([\d.e+-]+) (\S+)', line))
    if 'builtin-sim-s/bio-s' in m:
        b.append(m['builtin-sim-s/bio-s']); e.append(m['equations-sim-s/bio-s'])
        bc.append(m['builtin-cpu-s/bio-s']); ec.append(m['equations-cpu-s/bio-s'])
w, c = [], []
for line in open(sys.argv[2]):
    f = dict(kv.split('=') for kv in line.split()[1:])
    r.append(float(f['run_time_s'])); w.append(float(f['wall_s'])); c.append(float(f['cpu_s']))
med = statistics.median
rng = lambda x: f"{med(x):.3f} ({min(x):.3f}-{max(x):.3f})"
print("s per bio s, medians (range)       wall            cpu")
print(f"go built-in stdp             {rng(b)}  {rng(bc)}")
print(f"go synapse_model stdp        {rng(e)}  {rng(ec)}")
print(f"brian2 simulation loop       {rng(r)}")
print(f"brian2 whole binary          {rng(w)}  {rng(c)}")
print(f"equations / built-in: wall {med(e)/med(b):.2f}, cpu {med(ec)/med(bc):.2f}")
print(f"equations / brian2 loop (wall) {med(e)/med(r):.2f}; equations cpu / brian2 whole-binary cpu {med(ec)/med(c):.2f}")
PY
