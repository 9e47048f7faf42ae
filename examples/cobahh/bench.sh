#!/bin/sh
# Times the COBAHH network from command to results, ours and Brian2 2.5.1
# C++ standalone's, in alternating rounds (default 5):
#   sh examples/cobahh/bench.sh [ROUNDS]
# from the repository root. Each round runs, one after the other:
#   ours  netrun run examples/cobahh (figures on, as the README's command)
#   ours  netrun run -no-figures examples/cobahh
#   brian brian2_cobahh.py standalone, its directory deleted first (code
#         generation and compilation included), and its loop time
# netrun is built once, before the rounds (go build is not part of the
# command). Each line: what, wall s, user s, sys s (from /usr/bin/time);
# the loops' times are wall seconds of the simulation loop alone (ours:
# sim_seconds of summary.json; Brian2's: device._last_run_time).
set -e
rounds=${1:-5}
bin=$(mktemp -d)/netrun
go build -o "$bin" ./cmd/netrun
out=$(mktemp -d)
grep -m1 'model name' /proc/cpuinfo
printf 'vector extensions: %s\n' "$(grep -m1 -o 'avx512[a-z_0-9]*\|avx2\|fma' /proc/cpuinfo | sort -u | tr '\n' ' ')"
for r in $(seq "$rounds"); do
	echo "round $r, load $(cut -d' ' -f1-3 /proc/loadavg)"
	/usr/bin/time -o "$out/t" -f 'ours figures     %e %U %S' "$bin" run -out "$out/fig" examples/cobahh >"$out/log" 2>&1
	cat "$out/t"
	/usr/bin/time -o "$out/t" -f 'ours no-figures  %e %U %S' "$bin" run -no-figures -out "$out/nofig" examples/cobahh >"$out/log" 2>&1
	cat "$out/t"
	sed -n 's/.*"sim_seconds": *\([0-9.]*\).*/ours loop        \1/p' "$out/nofig/summary.json"
	rm -rf /tmp/brian2_cobahh_standalone
	/usr/bin/time -o "$out/t" -f 'brian standalone %e %U %S' /usr/bin/python3 examples/cobahh/brian2_cobahh.py standalone >"$out/log" 2>&1
	cat "$out/t"
	sed -n 's/^exc.*loop \([0-9.]*\) s.*/brian loop       \1/p' "$out/log"
done
