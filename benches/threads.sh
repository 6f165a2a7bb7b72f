#!/usr/bin/env bash
# How two threads compare with one core, the way docs/performance.md measures it: the whole
# `gazette extract` run (start-up, reading, JSONL output to /dev/null) over the corpus
# (default ../shared/corpus/news.jsonl), one thread pinned to one core alternated with two
# threads, ROUNDS times (default 11). Runs alternate because this machine's speed drifts
# between sets of runs; best and median wall times, MB/s and their ratios are printed.
#
# A third run in each round is the machine's own ceiling: two one-thread runs at once, one
# pinned to each core. Two independent processes share nothing but the machine, so their
# combined rate over one run's is the most any two-thread run could reach here; on a
# virtual machine whose two cores slow each other down it is well below 2.
#
#   benches/threads.sh [CORPUS] [ROUNDS]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
corpus="${1:-$root/../shared/corpus/news.jsonl}"
rounds="${2:-11}"

if [ ! -f "$corpus" ]; then
  echo "corpus $corpus not found" >&2
  exit 2
fi
if ! command -v taskset > /dev/null; then
  echo "taskset not found (util-linux): cannot pin the one-thread runs to one core" >&2
  exit 2
fi

(cd "$root" && cargo build --release --quiet)
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
python3 - "$root/target/release/gazette" "$corpus" "$rounds" <<'EOF'
import os, statistics, subprocess, sys, time

gazette, corpus, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3])
one_thread = [gazette, "extract", corpus, "--threads", "1"]
runs = {
    "one thread, one core": ["taskset", "-c", "0"] + one_thread,
    "two threads": [gazette, "extract", corpus, "--threads", "2"],
}
times = {name: [] for name in runs}
pair = []
quiet = ["--mentions", os.devnull, "--quiet"]
for _ in range(rounds):
    for name, cmd in runs.items():
        start = time.perf_counter()
        subprocess.run(cmd + quiet, check=True)
        times[name].append(time.perf_counter() - start)
    start = time.perf_counter()
    both = [
        subprocess.Popen(["taskset", "-c", core] + one_thread + quiet)
        for core in ("0", "1")
    ]
    if any(p.wait() != 0 for p in both):
        sys.exit("a one-thread run of the pair failed")
    pair.append(time.perf_counter() - start)
mb = os.path.getsize(corpus) / 1e6
print(f"{mb:.1f} MB, {rounds} alternating rounds")
print("run\tbest s\tmedian s\tMB/s of file (best)")
for name, t in times.items():
    print(f"{name}\t{min(t):.3f}\t{statistics.median(t):.3f}\t{mb / min(t):.1f}")
one, two = times["one thread, one core"], times["two threads"]
print(f"two threads / one core: {min(one) / min(two):.2f}x by best times, "
      f"{statistics.median(one) / statistics.median(two):.2f}x by medians")
print(f"machine ceiling, two one-core runs at once ({min(pair):.3f} s best, "
      f"{statistics.median(pair):.3f} s median): {2 * min(one) / min(pair):.2f}x by best times, "
      f"{2 * statistics.median(one) / statistics.median(pair):.2f}x by medians")
EOF
