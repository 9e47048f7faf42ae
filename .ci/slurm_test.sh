#!/usr/bin/env bash
# netrun sweep on a real Slurm: a one-node cluster on loopback ports
# (slurmctld and slurmd of Debian's slurm-wlm, AuthType=auth/none,
# CredType=cred/none, no cgroups: proctrack/linuxproc, task/none) runs
# the job array of `netrun sweep -emit slurm`; `netrun collect` of its
# results must equal, file for file (SHA-256), that of the same sweep run
# locally. The daemons are started in the background and stopped by PID.
#
# Installs slurm-wlm with apt-get if it is missing (as root). Set
# SLURM_TEST=skip to skip (a machine without root or apt).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${SLURM_TEST:-}" = skip ]; then
  echo "slurm test: skipped (SLURM_TEST=skip)"
  exit 0
fi
start=$(date +%s)
if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null || ! command -v sbatch >/dev/null; then
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
    echo "slurm test: slurm-wlm is not installed and this is not root with apt-get: install it, or set SLURM_TEST=skip" >&2
    exit 1
  fi
  echo "slurm test: installing slurm-wlm"
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq slurm-wlm >/dev/null
fi

tmp=$(mktemp -d /tmp/netrun-slurm.XXXXXX)
pids=()
cleanup() {
  code=$?
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${pids[@]}"; do
    # wait only reaps children of this shell: the daemons are.
    wait "$pid" 2>/dev/null || true
  done
  if [ "$code" != 0 ]; then
    echo "slurm test: FAILED; the daemons' logs:" >&2
    tail -n 30 "$tmp"/slurmctld.log "$tmp"/slurmd.log "$tmp"/slurm/logs/slurm-*.out >&2 2>/dev/null || true
  fi
  [ -n "${SLURM_TEST_KEEP:-}" ] && echo "slurm test: kept $tmp" || rm -rf "$tmp"
  exit "$code"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Ports in a range of their own, so that two runs on one machine do not
# meet.
base=$((20000 + RANDOM % 20000))
cpus=$(nproc)
mkdir -p "$tmp/state" "$tmp/spool" "$tmp/bin"
cat >"$tmp/slurm.conf" <<EOF
ClusterName=netrunci
SlurmctldHost=localhost(127.0.0.1)
SlurmctldPort=$base
SlurmdPort=$((base + 1))
AuthType=auth/none
CredType=cred/none
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SwitchType=switch/none
MpiDefault=none
SlurmUser=$(id -un)
SlurmdUser=root
StateSaveLocation=$tmp/state
SlurmdSpoolDir=$tmp/spool
SlurmctldPidFile=$tmp/slurmctld.pid
SlurmdPidFile=$tmp/slurmd.pid
SlurmctldLogFile=$tmp/slurmctld.log
SlurmdLogFile=$tmp/slurmd.log
ReturnToService=2
SchedulerType=sched/builtin
SchedulerParameters=batch_sched_delay=0
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
PlugStackConfig=/dev/null
NodeName=ci NodeHostname=localhost NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=500 State=UNKNOWN
PartitionName=ci Nodes=ci Default=YES MaxTime=INFINITE State=UP
EOF
export SLURM_CONF="$tmp/slurm.conf"

echo "slurm test: building netrun"
go build -o "$tmp/bin/netrun" ./cmd/netrun
netrun="$tmp/bin/netrun"
cp cli/testdata/sweep/tiny.hcl "$tmp/tiny.hcl"

slurmctld -D -f "$SLURM_CONF" >"$tmp/slurmctld.out" 2>&1 &
pids+=($!)
slurmd -D -N ci -f "$SLURM_CONF" >"$tmp/slurmd.out" 2>&1 &
pids+=($!)
for _ in $(seq 1 60); do
  if sinfo -h -N -o %t 2>/dev/null | grep -qx idle; then
    break
  fi
  sleep 0.5
done
sinfo -h -N -o %t | grep -qx idle || { echo "slurm test: the node did not come up" >&2; exit 1; }
echo "slurm test: one-node cluster up (slurmctld pid ${pids[0]}, slurmd pid ${pids[1]}, ports $base-$((base + 1)), $cpus CPUs)"

# 12 runs (3 x 2 settings x 2 seeds), 2 tasks at a time.
sweep=(-grid g=3,4,5 -grid nu=1,2 -seeds 1,2 "$tmp/tiny.hcl")
"$netrun" sweep -emit slurm -max-parallel 2 -time 5:00 -netrun "$netrun" -out "$tmp/slurm" "${sweep[@]}"
submitted=$SECONDS
job=$(sbatch --parsable "$tmp/slurm/sweep.sbatch")
echo "slurm test: submitted job array $job"
deadline=$((SECONDS + 150))
while squeue -h -j "$job" 2>/dev/null | grep -q .; do
  if [ "$SECONDS" -ge "$deadline" ]; then
    echo "slurm test: job $job still queued or running after 150 s" >&2
    squeue >&2
    exit 1
  fi
  sleep 0.5
done
echo "slurm test: the array ran in $((SECONDS - submitted)) s"
tasks=$(ls "$tmp"/slurm/logs/slurm-"$job"_*.out | wc -l)
if [ "$tasks" != 12 ]; then
  echo "slurm test: $tasks task logs, want 12" >&2
  exit 1
fi

"$netrun" sweep -j 2 -out "$tmp/local" "${sweep[@]}" 2>/dev/null
for d in slurm local; do
  "$netrun" collect "$tmp/$d" >/dev/null
done
complete=$(grep -c ',complete,' "$tmp/slurm/runs.csv" || true)
if [ "$complete" != 12 ]; then
  echo "slurm test: $complete of 12 runs complete on Slurm" >&2
  cat "$tmp/slurm/runs.csv" >&2
  exit 1
fi
# Every output but the timings (summary.json: wall and simulation
# seconds), the logs, the lock files and the job script.
hashes() {
  (cd "$1" && find . -type f ! -name summary.json ! -name '.*' ! -path './logs/*' ! -name sweep.sbatch | LC_ALL=C sort | xargs sha256sum)
}
hashes "$tmp/slurm" >"$tmp/slurm.sha256"
hashes "$tmp/local" >"$tmp/local.sha256"
if ! diff "$tmp/local.sha256" "$tmp/slurm.sha256" >&2; then
  echo "slurm test: the outputs of the Slurm sweep differ from the local sweep's" >&2
  exit 1
fi
n=$(wc -l <"$tmp/slurm.sha256")
echo "slurm test: 12 runs on Slurm; runs.csv, runs.json, figures, sweep.json and every run's outputs ($n files) equal the local sweep's"

# A task stopped by SIGTERM (what --signal=B:TERM@60 sends before the
# time limit) is requeued and its run done again, to the same outputs.
cat >"$tmp/slow.hcl" <<'EOF'
variable "rate" {
  default = 10
}

simulation {
  dt       = 0.1
  duration = 20000
}

population "input" {
  model = "poisson"
  n     = 2000
  rate  = var.rate
}

population "cell" {
  model = "lif"
  n     = 100
}

synapse "in" {
  from    = population.input
  to      = population.cell
  connect = "random"
  p       = 0.05
  weight  = 0.5
}

monitor "cell" {
  target = population.cell
}
EOF
slow=(-grid rate=10 -no-figures "$tmp/slow.hcl")
# The runs checkpoint (netrun run -checkpoint-every, -resume), so the
# requeued task resumes the run from its checkpoint rather than starting
# it over.
ckpt=(-checkpoint-every 500)
"$netrun" sweep -emit slurm -netrun "$netrun" "${ckpt[@]}" -out "$tmp/requeue" "${slow[@]}" >/dev/null
job=$(sbatch --parsable "$tmp/requeue/sweep.sbatch")
deadline=$((SECONDS + 60))
until [ -s "$tmp/requeue/logs/000_rate=10.log" ]; do
  if [ "$SECONDS" -ge "$deadline" ]; then
    echo "slurm test: the task of job $job did not start its run" >&2
    exit 1
  fi
  sleep 0.2
done
sleep 0.5
scancel --batch --signal=TERM "${job}_0"
deadline=$((SECONDS + 90))
while squeue -h -j "$job" 2>/dev/null | grep -q .; do
  if [ "$SECONDS" -ge "$deadline" ]; then
    echo "slurm test: job $job still queued or running after 90 s" >&2
    squeue >&2
    exit 1
  fi
  # Slurm holds a requeued job for a while (its begin time): release it.
  if squeue -h -j "$job" -o %r 2>/dev/null | grep -q BeginTime; then
    scontrol update JobId="${job}_0" StartTime=now
  fi
  sleep 0.5
done
out="$tmp/requeue/logs/slurm-${job}_0.out"
grep -q "exit 3: netrun run: interrupted after" "$out" && grep -q "got SIGTERM: requeueing" "$out" || {
  echo "slurm test: the task did not requeue itself after SIGTERM" >&2
  cat "$out" >&2
  exit 1
}
# The same flags, so that both hold the same files (checkpoints too).
"$netrun" sweep "${ckpt[@]}" -out "$tmp/requeue-local" "${slow[@]}" 2>/dev/null
hashes "$tmp/requeue" >"$tmp/requeue.sha256"
hashes "$tmp/requeue-local" >"$tmp/requeue-local.sha256"
if ! grep -q '"interrupted": false' "$tmp/requeue/000_rate=10/summary.json" ||
  ! diff "$tmp/requeue-local.sha256" "$tmp/requeue.sha256" >&2; then
  echo "slurm test: the requeued run is not complete, or differs from the local run" >&2
  exit 1
fi
if [ ${#ckpt[@]} -gt 0 ] && ! grep -q "resumed from its checkpoint" "$out"; then
  echo "slurm test: the requeued task did not resume its run from a checkpoint" >&2
  cat "$out" >&2
  exit 1
fi
echo "slurm test: a task stopped by SIGTERM requeued itself and its run completed with the local run's outputs${ckpt:+ (resumed from its checkpoint)}"
echo "slurm test: ok ($(($(date +%s) - start)) s)"
