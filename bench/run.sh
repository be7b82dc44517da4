#!/usr/bin/env bash
# Benchmarks the generator against Hugo and Eleventy on the same N-page corpus, in one run.
# Usage: bench/run.sh N[,N...] [RUNS]      e.g. bench/run.sh 1000,4000,10000 3 (each size in turn, in one run)
# Prints "NAME N min median max" (seconds) per generator (the three take turns, one build each per round), Express's
# peak RSS and the real site's build time, then the ratios of the medians, the preview's rebuild with each step's median,
# and the preview's path from a save to the reload signal through `serve` (bench/preview-latency.py).
# The Express corpus is the real site (input/, themes/express) plus N pages from ../shared/bench/make-corpus.py
# in input/korpus/, built by the release build of the generator (Native AOT), start-up included as for the peers.
set -euo pipefail
SIZES=${1:-1000}; RUNS=${2:-5}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SHARED=${SHARED:-$ROOT/../shared}
WORK=${BENCH_WORK:-/tmp/ssg-bench}
mkdir -p "$WORK"

# The release build (README, "The two commands"): one native executable compiled ahead of time (Native AOT), as a
# build server would run it, so no build pays for JIT warm-up or type loading. Compiling it takes about 1.5 minutes.
BIN="$WORK/express-bin"
echo "publishing the release build to $BIN ..."
dotnet publish "$ROOT/generator" -c Release -r linux-x64 -o "$BIN" -nologo -v quiet >/dev/null

time_runs() { # NAME CMD...
  local name=$1; shift; local ts=()
  for _ in $(seq "$RUNS"); do
    local t0; t0=$(date +%s.%N); "$@" >/dev/null 2>&1 || { echo "$name FAILED" >&2; "$@" | tail -20 >&2; return 1; }
    ts+=("$(echo "$(date +%s.%N) - $t0" | bc)")
  done
  printf '%s\n' "${ts[@]}" | sort -n | awk -v n="$name" -v N="$N" '{a[NR]=$1} END {printf "%s %d %.3f %.3f %.3f\n", n, N, a[1], a[int((NR+1)/2)], a[NR]}'
}

bench_size() { # N
N=$1
SITE="$WORK/express-$N"; rm -rf "$SITE"; mkdir -p "$SITE"
cp -r "$ROOT/input" "$SITE/input"
python3 "$SHARED/bench/make-corpus.py" "$N" "$SITE/input/korpus"
echo "== $N pages"
# Express, Hugo and Eleventy take turns, one build each per round, so that a machine whose speed drifts within minutes
# (a shared VM) slows all three alike rather than whichever ran last.
express_times=(); hugo_times=(); eleventy_times=()
for _ in $(seq "$RUNS"); do
  express_times+=("$(RUNS=1 time_runs express "$BIN/express-site" build --input "$SITE/input" --theme "$ROOT/themes/express" --output "$SITE/output" | awk '{print $3}')")
  round=$(BENCH_WORK="$WORK" bash "$SHARED/bench/peers.sh" "$N" 1)
  hugo_times+=("$(echo "$round" | awk '$1 == "hugo" {print $3}')")
  eleventy_times+=("$(echo "$round" | awk '$1 == "eleventy" {print $3}')")
done
summary() { printf '%s\n' "${@:2}" | sort -n | awk -v n="$1" -v N="$N" '{a[NR]=$1} END {printf "%s %d %.3f %.3f %.3f\n", n, N, a[1], a[int((NR+1)/2)], a[NR]}'; }
express=$(summary express "${express_times[@]}")
peers=$(summary hugo "${hugo_times[@]}"; summary eleventy "${eleventy_times[@]}")
# Peak memory of one more build of the corpus, and the real site alone (12 pages) as an editor builds it.
/usr/bin/time -o "$WORK/peak-rss" -f %M "$BIN/express-site" build --input "$SITE/input" --theme "$ROOT/themes/express" --output "$SITE/output" >/dev/null 2>&1
real_site=$(time_runs express-real-site "$BIN/express-site" build --input "$ROOT/input" --theme "$ROOT/themes/express" --output "$WORK/real-site-output")
echo "$express"
echo "express peak RSS $N $(( $(cat "$WORK/peak-rss") / 1024 )) MB"
echo "$real_site (the real site alone; N is the corpus size of this run)"
echo "$peers"
median() { echo "$2" | awk -v n="$1" '$1 == n {print $4}'; }
e=$(median express "$express"); h=$(median hugo "$peers"); l=$(median eleventy "$peers")
echo "ratio express/hugo $(echo "scale=3; $e / $h" | bc)"
echo "ratio express/eleventy $(echo "scale=3; $e / $l" | bc)"

# The preview: full builds against the rebuild after editing one page, in one process (the first build warms it up).
echo "preview rebuilds ($N pages):"
"$BIN/express-site" bench-rebuild --input "$SITE/input" --theme "$ROOT/themes/express" --output "$SITE/output-preview" \
  --page "$SITE/input/korpus/page-00001.md" --runs "$RUNS" | sed 's/^/  /'

# The preview as an editor meets it: `serve` on the same corpus, and the time from a save to the reload signal (the
# output written), with the watcher's wait for a burst of saves included. Stopped by its PID.
PORT=${BENCH_PORT:-5190}
"$BIN/express-site" serve --input "$SITE/input" --theme "$ROOT/themes/express" --output "$SITE/output-serve" --port "$PORT" >"$WORK/serve.log" 2>&1 &
serve_pid=$!
python3 - "$WORK/serve.log" "$serve_pid" <<'PY'
import os, sys, time
log, pid = sys.argv[1], int(sys.argv[2])
deadline = time.time() + 300
while time.time() < deadline:  # until the first build is done and served ("Serving http://...")
    if "Serving http" in open(log, encoding="utf-8", errors="replace").read():
        break
    os.kill(pid, 0)  # the server is still running (raises if it stopped)
    time.sleep(0.05)
PY
echo "preview from a save ($N pages, serve):"
python3 "$ROOT/bench/preview-latency.py" "$SITE/input/korpus/page-00002.md" "$PORT" | sed 's/^/  /'
kill -TERM "$serve_pid"; wait "$serve_pid" || true
rm -rf "$SITE"
}

IFS=',' read -ra sizes <<< "$SIZES"
for size in "${sizes[@]}"; do bench_size "$size"; done
