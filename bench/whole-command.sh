#!/usr/bin/env bash
# Measures the command a user runs, whole process from start to exit: the Native AOT `imaudit scan FILE --out DIR`
# on the synthetic account (bench/ImAudit.Bench `inventory`, inventory.json) and on Cloudsplaining's example account
# (bench/replicate-authorization-details.py, authorization details), each 1x, 10x and 50x. Every run starts from an
# empty DIR and is timed by /usr/bin/time -v; prints min / median / max of wall time, CPU time (user + system), peak
# resident memory and the bytes of every file written to DIR, then which files those bytes are.
# usage: bench/whole-command.sh [RUNS] [DIR]   (RUNS per input, default 5, at most 3 for the 50x ones; DIR keeps the
#        binary, the inputs and the last run's outputs, about 1.2 GB today; without it they go to a temporary directory
#        removed at exit; SCALES="1 10" measures fewer sizes)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
if [[ -n ${2:-} ]]; then
  work=$2
  mkdir -p "$work"
else
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
fi
read -ra scales <<<"${SCALES:-1 10 50}"
example=tests/ImAudit.Engine.Tests/Fixtures/authorization-details/example.json

if ! command -v clang >/dev/null && ! command -v gcc >/dev/null || ! dpkg -s zlib1g-dev >/dev/null 2>&1; then
  echo "Native AOT needs a C toolchain (clang or gcc) and zlib: apt-get install -y clang zlib1g-dev" >&2
  exit 2
fi
rid=linux-$([[ $(uname -m) == aarch64 ]] && echo arm64 || echo x64)
dotnet publish src/ImAudit.Cli -c Release -r "$rid" -p:PublishAot=true -o "$work/cli" >/dev/null
dotnet build -c Release bench/ImAudit.Bench >/dev/null
imaudit=$work/cli/imaudit

inputs=()
for scale in "${scales[@]}"; do
  dotnet bench/ImAudit.Bench/bin/Release/net10.0/ImAudit.Bench.dll inventory "$scale" "$work/synthetic-${scale}x.json"
  python3 bench/replicate-authorization-details.py "$example" "$scale" "$work/cloudsplaining-${scale}x.json"
  inputs+=("synthetic-${scale}x" "cloudsplaining-${scale}x")
done

echo "$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(uname -sr), .NET $(dotnet --version)," \
  "load average $(cut -d' ' -f1-3 /proc/loadavg) at start; $(stat -c %s "$imaudit") byte binary"
"$imaudit" rules >/dev/null # the binary into the page cache before the first timed run

results=$work/results.tsv
files=$work/files.txt
: >"$results"
: >"$files"
for input in "${inputs[@]}"; do
  count=$([[ $input == *-50x ]] && echo $((runs < 3 ? runs : 3)) || echo "$runs")
  out=$work/out-$input
  for _ in $(seq "$count"); do
    rm -rf "$out"
    if ! /usr/bin/time -v "$imaudit" scan "$work/$input.json" --out "$out" >"$work/stdout.txt" 2>"$work/time.txt"; then
      cat "$work/stdout.txt" "$work/time.txt" >&2
      exit 1
    fi
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$input" \
      "$(grep -oP 'Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): \K.*' "$work/time.txt")" \
      "$(grep -oP 'User time \(seconds\): \K.*' "$work/time.txt")" "$(grep -oP 'System time \(seconds\): \K.*' "$work/time.txt")" \
      "$(grep -oP 'Maximum resident set size \(kbytes\): \K.*' "$work/time.txt")" \
      "$(find "$out" -type f -printf '%i %s\n' | sort -u -k1,1 | awk '{ bytes += $2 } END { print bytes + 0 }')" >>"$results"
  done
  echo "$input: $(sed -n 3p "$work/stdout.txt" | xargs); $(find "$out" -type f -printf '%P %s\n' | sort |
    awk '{ name = ($1 ~ /^asff\//) ? "asff/*" : $1; if (!(name in bytes)) order[++names] = name; bytes[name] += $2; n[name]++ }
         END { for (i = 1; i <= names; i++) { f = order[i]; printf "%s%s %.1f MB, ", f, (n[f] > 1 ? " (" n[f] " files)" : ""), bytes[f] / 1048576 } }' |
    sed 's/, $//')" >>"$files"
done

python3 - "$results" <<'EOF'
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    name, elapsed, user, system, rss_kb, out_bytes = line.rstrip("\n").split("\t")
    seconds = sum(float(part) * 60 ** i for i, part in enumerate(reversed(elapsed.split(":"))))
    rows.setdefault(name, []).append((seconds, float(user) + float(system), int(rss_kb) / 1024, int(out_bytes) / 1048576))

def spread(values, digits):
    return " / ".join(f"{v:,.{digits}f}" for v in (min(values), statistics.median(values), max(values)))

print("min / median / max over the runs; MB = 2^20 bytes")
print("| input | runs | wall (s) | CPU, user + system (s) | peak RSS (MB) | outputs (MB) |")
print("|---|---:|---:|---:|---:|---:|")
for name, runs in rows.items():
    wall, cpu, rss, out = zip(*runs)
    print(f"| {name} | {len(runs)} | {spread(wall, 2)} | {spread(cpu, 2)} | {spread(rss, 0)} | {spread(out, 1)} |")
EOF
echo "what the last run of each input wrote (summary line; files):"
cat "$files"
