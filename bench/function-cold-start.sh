#!/usr/bin/env bash
# Measures the Lambda bootstrap: size, GLIBC needs, cold start (process start to the first invocation/next) and a
# whole local invoke of the demo account (collection over HTTP from the AWS API emulator, audit, reports to its S3).
# usage: bench/function-cold-start.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
artifacts=$(mktemp -d)
port=$((20000 + RANDOM % 20000))
trap 'kill "${emulator:-0}" 2>/dev/null || true; rm -rf "$artifacts"' EXIT

make build-AuditFunction ARTIFACTS_DIR="$artifacts" >/dev/null
echo "bootstrap: $(stat -c %s "$artifacts/bootstrap") bytes; newest GLIBC needed: $(grep -aoE 'GLIBC_2\.[0-9]+' "$artifacts/bootstrap" | sort -t. -k2 -n | tail -1)"

dotnet build -c Release tests/ImAudit.AwsEmulator tests/ImAudit.LambdaRuntimeHost >/dev/null
dotnet run --no-build -c Release --project tests/ImAudit.AwsEmulator -- \
  --inventory samples/demo-account/inventory.json --urls "http://127.0.0.1:$port" --bucket imaudit-reports >/dev/null &
emulator=$!
sleep 3
for _ in $(seq "$runs"); do
  dotnet run --no-build -c Release --project tests/ImAudit.LambdaRuntimeHost -- --bootstrap "$artifacts/bootstrap" \
    --event events/scheduled-rule.json --env AWS_ACCESS_KEY_ID=test --env AWS_SECRET_ACCESS_KEY=test \
    --env AWS_REGION=us-east-1 --env "AWS_ENDPOINT_URL=http://127.0.0.1:$port" --env IMAUDIT_REPORT_BUCKET=imaudit-reports \
    2>&1 >/dev/null | grep 'cold start'
  sleep 1
done
