#!/usr/bin/env bash
# This build against an earlier one, side by side in one run: the whole `gazette extract` run
# (start-up, reading, JSONL output to /dev/null) over the corpus (default
# ../shared/corpus/news.jsonl), one thread pinned to one core (or THREADS threads, unpinned),
# the two builds alternating ROUNDS times (default 15) because this machine's speed drifts
# between sets of runs. Prints
# each build's best and median wall time, MB/s, the ratio, and each build's median and
# largest peak resident memory.
#
#   benches/builds.sh REV|BINARY [CORPUS] [ROUNDS] [THREADS]
#
# REV is a git revision of this repository, built once into a work tree under
# ${TMPDIR:-/tmp}/gazette-builds/ (kept between calls); BINARY is a gazette binary.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
old="${1:?usage: benches/builds.sh REV|BINARY [CORPUS] [ROUNDS] [THREADS]}"
corpus="${2:-$root/../shared/corpus/news.jsonl}"
rounds="${3:-15}"
threads="${4:-1}"

if [ ! -f "$corpus" ]; then
  echo "corpus $corpus not found" >&2
  exit 2
fi
if ! command -v taskset > /dev/null; then
  echo "taskset not found (util-linux): cannot pin the runs to one core" >&2
  exit 2
fi
if [ ! -x "$old" ]; then
  rev="$(git -C "$root" rev-parse --verify "$old^{commit}")"
  tree="${TMPDIR:-/tmp}/gazette-builds/$rev"
  if [ ! -x "$tree/target/release/gazette" ]; then
    rm -rf "$tree"
    git -C "$root" worktree add --detach "$tree" "$rev" > /dev/null
    (cd "$tree" && cargo build --release --quiet)
  fi
  old="$tree/target/release/gazette"
fi
(cd "$root" && cargo build --release --quiet)
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
python3 - "$old" "$root/target/release/gazette" "$corpus" "$rounds" "$threads" <<'EOF'
import os, statistics, subprocess, sys, time

old, new, corpus, rounds = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
threads = sys.argv[5]
pin = ["taskset", "-c", "0"] if threads == "1" else []
builds = {"earlier build": old, "this build": new}
times = {name: [] for name in builds}
# One run of each first, untimed: it writes the build's start-up cache if it has none.
for binary in builds.values():
    subprocess.run([binary, "extract", corpus, "--threads", "1", "--mentions", os.devnull,
                    "--quiet"], check=True)
peaks = {name: [] for name in builds}
for _ in range(rounds):
    for name, binary in builds.items():
        cmd = pin + [binary, "extract", corpus, "--threads", threads,
                     "--mentions", os.devnull, "--quiet"]
        start = time.perf_counter()
        child = subprocess.Popen(cmd)
        _, status, usage = os.wait4(child.pid, 0)
        times[name].append(time.perf_counter() - start)
        if status != 0:
            sys.exit(f"{name} failed")
        peaks[name].append(usage.ru_maxrss)
mb = os.path.getsize(corpus) / 1e6
where = "one thread pinned to one core" if pin else f"{threads} threads"
print(f"{mb:.1f} MB, {rounds} alternating rounds, {where}")
print("build\tbest s\tmedian s\tMB/s (best)\tpeak KiB (median, max)")
for name, t in times.items():
    p = peaks[name]
    print(f"{name}\t{min(t):.3f}\t{statistics.median(t):.3f}\t{mb / min(t):.1f}\t"
          f"{int(statistics.median(p))}, {max(p)}")
a, b = times["earlier build"], times["this build"]
print(f"this build / earlier build, time: {min(b) / min(a):.3f} by best times, "
      f"{statistics.median(b) / statistics.median(a):.3f} by medians")
EOF
