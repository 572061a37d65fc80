#!/usr/bin/env bash
# Measures the Lambda bootstrap: size, GLIBC needs, cold start (process start to the first invocation/next) and a
# whole local invoke of the demo account (collection over HTTP from the AWS API emulator, audit, reports to its S3).
# usage: bench/function-cold-start.sh [RUNS]
#   INVENTORY=FILE serves another account than the demo one (e.g. `dotnet run -c Release --project bench/ImAudit.Bench
#   -- inventory 50 FILE`, the synthetic 50x account); HEAP_LIMIT_MB=M holds the bootstrap's GC heap to M MiB
#   (DOTNET_GCHeapHardLimit) as a function's memory does (.NET takes 75 % of it: 768 for the template's 1,024 MB).
#   Each invocation's peak resident memory (the largest process of the host's tree) is printed from /usr/bin/time -v.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
artifacts=$(mktemp -d)
port=$((20000 + RANDOM % 20000))
# Only the emulator's own pid: `kill 0` (an unset pid) would end this script's whole process group.
trap 'if [[ -n ${emulator:-} ]]; then kill "$emulator" 2>/dev/null || true; fi; rm -rf "$artifacts"' EXIT

make build-AuditFunction ARTIFACTS_DIR="$artifacts" >/dev/null
echo "bootstrap: $(stat -c %s "$artifacts/bootstrap") bytes; newest GLIBC needed: $(grep -aoE 'GLIBC_2\.[0-9]+' "$artifacts/bootstrap" | sort -t. -k2 -n | tail -1)"

# One project per `dotnet build`; the test hosts run from their dlls, so $emulator is the server itself.
dotnet build -c Release tests/ImAudit.AwsEmulator >/dev/null
dotnet build -c Release tests/ImAudit.LambdaRuntimeHost >/dev/null
dotnet tests/ImAudit.AwsEmulator/bin/Release/net10.0/ImAudit.AwsEmulator.dll \
  --inventory "${INVENTORY:-samples/demo-account/inventory.json}" --urls "http://127.0.0.1:$port" --bucket imaudit-reports >/dev/null &
emulator=$!
for _ in $(seq 50); do
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
  sleep 0.2
done

limit=()
if [[ -n ${HEAP_LIMIT_MB:-} ]]; then
  limit=(--env "DOTNET_GCHeapHardLimit=$(printf '0x%x' $((HEAP_LIMIT_MB * 1048576)))")
fi
for _ in $(seq "$runs"); do
  if ! /usr/bin/time -v -o "$artifacts/time.txt" dotnet tests/ImAudit.LambdaRuntimeHost/bin/Release/net10.0/ImAudit.LambdaRuntimeHost.dll --bootstrap "$artifacts/bootstrap" \
    --event events/scheduled-rule.json --env AWS_ACCESS_KEY_ID=test --env AWS_SECRET_ACCESS_KEY=test \
    --env AWS_REGION=us-east-1 --env "AWS_ENDPOINT_URL=http://127.0.0.1:$port" --env IMAUDIT_REPORT_BUCKET=imaudit-reports "${limit[@]}" \
    >"$artifacts/response.json" 2>"$artifacts/host.txt"; then
    echo "the invocation failed:" >&2
    cat "$artifacts/response.json" "$artifacts/host.txt" >&2
    exit 1
  fi
  grep 'cold start' "$artifacts/host.txt"
  echo "peak resident $(( $(grep -oP 'Maximum resident set size \(kbytes\): \K.*' "$artifacts/time.txt") / 1024 )) MB; $(grep -oE '"(high|critical|durationMs)": ?[0-9]+' "$artifacts/response.json" | tr '\n' ' ')"
  sleep 1
done
