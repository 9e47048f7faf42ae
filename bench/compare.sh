#!/usr/bin/env bash
# compare.sh: every workload of issue 13's table (CUBA 4000 and 20 000,
# Brunel 10 000 with poisson_input, two workers against one, pair STDP
# against static, building 10^7 synapses, peak memory per synapse), this
# engine's netrun against Brian2 C++ standalone in alternating rounds, and
# the ratios. The work is done by bench/compare.py; see its header for
# what is measured and how.
#
# Usage: bench/compare.sh [--rounds N] [--only cuba4k,plastic,...] [--out DIR]
#   --rounds N   alternating rounds (default 3; more for tighter medians)
#   --only LIST  workloads: cuba4k cuba20k brunel10k workers plastic build memory
#   --out DIR    binaries, Brian2 projects (reused) and runs
#                (default /tmp/synapticflow-compare)
# Environment: PYTHON, a python3 with Brian2 (default python3, or
# /usr/bin/python3 if only that one has it).
#
# It installs nothing. It needs Go, /usr/bin/time, Brian2 and g++
# (Debian/Ubuntu: apt-get install python3-brian g++).
#
# bench/compare_cuba.sh is the older CUBA-only comparison through Go's
# benchmark (BenchmarkCUBA) with Brian2 OpenMP runs.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
if ! "$PYTHON" -c 'import brian2' 2>/dev/null && /usr/bin/python3 -c 'import brian2' 2>/dev/null; then
  PYTHON=/usr/bin/python3 # the system Python, where apt installs Brian2
fi
if ! "$PYTHON" -c 'import brian2' 2>/dev/null; then
  echo "compare.sh: $PYTHON cannot import brian2; install it (apt-get install python3-brian) or set PYTHON" >&2
  exit 1
fi
exec "$PYTHON" bench/compare.py "$@"
