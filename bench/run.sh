#!/usr/bin/env bash
# Benchmarks the generator against Hugo and Eleventy on the same N-page corpus, in one run.
# Usage: bench/run.sh N [RUNS]
# Prints "NAME N min median max" (seconds) per generator, then the ratios of the medians.
# The Express corpus is the real site (input/, themes/express) plus N pages from ../shared/bench/make-corpus.py
# in input/korpus/, built by the Release (ReadyToRun) build of the generator, start-up included as for the peers.
set -euo pipefail
N=${1:-1000}; RUNS=${2:-5}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SHARED=${SHARED:-$ROOT/../shared}
WORK=${BENCH_WORK:-/tmp/ssg-bench}
mkdir -p "$WORK"

# Release, compiled ahead of time (ReadyToRun) as a deployment would run it: no JIT warm-up on every build.
BIN="$WORK/express-bin"
dotnet publish "$ROOT/generator" -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$BIN" -nologo -v quiet >/dev/null

SITE="$WORK/express-$N"; rm -rf "$SITE"; mkdir -p "$SITE"
cp -r "$ROOT/input" "$SITE/input"
python3 "$SHARED/bench/make-corpus.py" "$N" "$SITE/input/korpus"

time_runs() { # NAME CMD...
  local name=$1; shift; local ts=()
  for _ in $(seq "$RUNS"); do
    local t0; t0=$(date +%s.%N); "$@" >/dev/null 2>&1 || { echo "$name FAILED" >&2; "$@" | tail -20 >&2; return 1; }
    ts+=("$(echo "$(date +%s.%N) - $t0" | bc)")
  done
  printf '%s\n' "${ts[@]}" | sort -n | awk -v n="$name" -v N="$N" '{a[NR]=$1} END {printf "%s %d %.3f %.3f %.3f\n", n, N, a[1], a[int((NR+1)/2)], a[NR]}'
}

express=$(time_runs express "$BIN/express-site" build --input "$SITE/input" --theme "$ROOT/themes/express" --output "$SITE/output")
peers=$(BENCH_WORK="$WORK" bash "$SHARED/bench/peers.sh" "$N" "$RUNS")
echo "$express"
echo "$peers"
median() { echo "$2" | awk -v n="$1" '$1 == n {print $4}'; }
e=$(median express "$express"); h=$(median hugo "$peers"); l=$(median eleventy "$peers")
echo "ratio express/hugo $(echo "scale=3; $e / $h" | bc)"
echo "ratio express/eleventy $(echo "scale=3; $e / $l" | bc)"

# The preview: full builds against the rebuild after editing one page, in one process (the first build warms it up).
echo "preview rebuilds ($N pages):"
"$BIN/express-site" bench-rebuild --input "$SITE/input" --theme "$ROOT/themes/express" --output "$SITE/output-preview" \
  --page "$SITE/input/korpus/page-00001.md" --runs "$RUNS" | sed 's/^/  /'
