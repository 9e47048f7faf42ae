#!/usr/bin/env bash
# longrun.sh: the memory benchmark of long runs. It builds netrun and runs
# the CUBA network (examples/cuba) for DURATION ms of biological time with
# the default outputs (CSV data files and figures of both spike
# monitors), under /usr/bin/time, and prints the peak resident memory
# (maximum RSS), the simulation time and the time spent outside the
# simulation loop (summary.json's wall_seconds - sim_seconds: loading,
# building and, almost all of it, writing the outputs).
#
# Usage: bench/longrun.sh [DURATION]   (default 600000 ms = 600 s)
# Environment:
#   OUT      output directory (default: a new temporary directory)
#   WORKERS  -workers (default 1)
#   FLAGS    more netrun flags, e.g. "-no-figures" or "-format both"
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-600000}
WORKERS=${WORKERS:-1}
FLAGS=${FLAGS:-}
OUT=${OUT:-$(mktemp -d -t longrun.XXXXXX)}
BIN=$(mktemp -d -t netrun-bin.XXXXXX)/netrun
go build -o "$BIN" ./cmd/netrun
# shellcheck disable=SC2086
/usr/bin/time -f '%M %e' -o "$OUT.time" "$BIN" run -quiet -workers "$WORKERS" -duration "$DURATION" $FLAGS -out "$OUT" examples/cuba/cuba.hcl || true
read -r rss_kb elapsed <"$OUT.time"
sim=$(sed -n 's/.*"sim_seconds": \([0-9.e+-]*\).*/\1/p' "$OUT/summary.json")
wall=$(sed -n 's/.*"wall_seconds": \([0-9.e+-]*\).*/\1/p' "$OUT/summary.json")
awk -v rss="$rss_kb" -v el="$elapsed" -v sim="$sim" -v wall="$wall" -v d="$DURATION" 'BEGIN {
  printf "CUBA, %g s of biological time: peak RSS %.0f MB, process %.1f s, simulation %.1f s, outside the loop (outputs) %.1f s\n", d/1000, rss/1024, el, sim, wall-sim
}'
du -sh "$OUT" | awk '{print "outputs: " $1 " in " $2}'
