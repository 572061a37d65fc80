#!/usr/bin/env bash
# Measures the organization audit's aggregate step as a user runs it (`imaudit invoke EVENT --out DIR`) over N
# generated accounts: the organization in moto_server (bench/seed-organization.py), the accounts' snapshots and the
# aggregate event from `ImAudit.Bench organization`, then RUNS timed invocations under /usr/bin/time -v — each with
# the previous run's organization snapshot in place, as every scheduled run after the first has it — printing wall
# time, CPU time, peak resident memory and the sizes of the files written.
# usage: bench/organization-aggregate.sh N [RUNS] [DIR]   (DIR, new or empty, keeps the store and the reports)
# HEAP_LIMIT_MB=M holds the invocations' GC heap to M MiB (DOTNET_GCHeapHardLimit), as a Lambda function's memory
# does (.NET takes 75 % of a container's limit): 768 for a 1,024 MB function, 3,072 for 4,096 MB.
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:?usage: bench/organization-aggregate.sh N [RUNS] [DIR]}
runs=${2:-3}
dir=${3:-$(mktemp -d)}
port=$((20000 + RANDOM % 20000))
trap 'kill "${moto:-0}" 2>/dev/null || true' EXIT

dotnet build -c Release src/ImAudit.Cli >/dev/null
dotnet build -c Release bench/ImAudit.Bench >/dev/null
moto_server -p "$port" >/dev/null 2>&1 &
moto=$!
sleep 3
python3 bench/seed-organization.py "http://127.0.0.1:$port" "$count" >"$dir/organization.json"
dotnet bench/ImAudit.Bench/bin/Release/net10.0/ImAudit.Bench.dll organization "$count" "$dir" "$dir/organization.json"

export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_REGION=us-east-1 AWS_ENDPOINT_URL_ORGANIZATIONS="http://127.0.0.1:$port"
for run in $(seq 0 "$runs"); do
  rm -rf "$dir/imaudit/runs"
  ${HEAP_LIMIT_MB:+env DOTNET_GCHeapHardLimit=$(printf '0x%x' $((HEAP_LIMIT_MB * 1048576)))} \
  /usr/bin/time -v dotnet src/ImAudit.Cli/bin/Release/net10.0/imaudit.dll invoke "$dir/aggregate-event.json" --out "$dir" \
    >"$dir/summary.json" 2>"$dir/time.txt" || echo "exit $?: $(grep -m1 -iE 'out of memory|imaudit:' "$dir/time.txt")"
  label=$([[ $run == 0 ]] && echo "first run (no organization snapshot)" || echo "run $run")
  printf '%s: wall %s, user %ss, sys %ss, max RSS %s MB\n' "$label" \
    "$(grep -oP 'Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): \K.*' "$dir/time.txt")" \
    "$(grep -oP 'User time \(seconds\): \K.*' "$dir/time.txt")" "$(grep -oP 'System time \(seconds\): \K.*' "$dir/time.txt")" \
    "$(( $(grep -oP 'Maximum resident set size \(kbytes\): \K.*' "$dir/time.txt") / 1024 ))"
done
grep -oE '"(accounts|audited|failed|skipped|crossAccountFindings|durationMs)":[0-9]+' "$dir/summary.json" | tr '\n' ' ' || true
echo
du -b "$dir"/imaudit/runs/*/report.* "$dir/imaudit/snapshots/organization/latest.json" | awk '{printf "%s %.1f MB\n", $2, $1 / 1048576}' || true
echo "account snapshots read: $(du -sb --exclude=organization "$dir/imaudit/snapshots" | awk '{printf "%.1f MB", $1 / 1048576}')"
