#!/usr/bin/env bash
# Gazetteers of growing size through the whole binary: for each size, a synthetic person
# gazetteer of that many extra names (two invented words, one alias each, the same every
# time) is added to the bundled ones, and the script measures
#   - building the prebuilt index (`gazette gazetteer build`): wall time and peak memory;
#   - the index's size;
#   - loading it (a one-document run with `--index`): wall time and peak memory, best of 3;
#   - the whole run over the corpus with `--index`, one thread pinned to one core: wall
#     time, MB/s and peak memory.
# Size 0 is the bundled gazetteers alone. A gazetteer file given instead of a size is
# measured the same way (a real import: `gazette gazetteer import geonames ... --out F`).
# Prints one table row per size or file.
#
#   benches/scale.sh [SIZE|FILE]...   (default: 0 10000 100000 1000000)
#
# CORPUS (default ../shared/corpus/news.jsonl) and GAZETTE (default target/release/gazette,
# built first) may be set in the environment. Work files go to ${TMPDIR:-/tmp}/gazette-scale.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
corpus="${CORPUS:-$root/../shared/corpus/news.jsonl}"
work="${TMPDIR:-/tmp}/gazette-scale"
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(0 10000 100000 1000000)
if [ ! -f "$corpus" ]; then
  echo "corpus $corpus not found" >&2
  exit 2
fi
for tool in taskset /usr/bin/time python3; do
  command -v "$tool" > /dev/null || { echo "$tool not found" >&2; exit 2; }
done
if [ -z "${GAZETTE:-}" ]; then
  (cd "$root" && cargo build --release --quiet)
  GAZETTE="$root/target/release/gazette"
fi
mkdir -p "$work"
head -n 1 "$corpus" > "$work/one.jsonl"

# Invented two-word names: consonant-vowel syllables, deterministic.
synthetic() {
  python3 - "$1" <<'EOF'
import random, sys
n = int(sys.argv[1])
r = random.Random(7)
cons, vow = "bcdfghjklmnprstvz", "aeiou"
def word():
    return "".join(r.choice(cons) + r.choice(vow) for _ in range(r.randint(2, 4))).capitalize()
print("id\ttype\tcanonical\taliases")
seen = set()
while len(seen) < n:
    a, b = word(), word()
    if (a, b) in seen:
        continue
    seen.add((a, b))
    print(f"per.syn{len(seen)}\tPERSON\t{a} {b}\t{a[0]}. {b}")
EOF
}

# Runs a command, prints "seconds peak_kib".
timed() {
  /usr/bin/time -f "%e %M" -o "$work/time" "$@" > /dev/null 2>&1
  cat "$work/time"
}

mb=$(python3 -c "import json,sys; print(sum(len(json.loads(l)['text'].encode()) for l in open(sys.argv[1]))/1e6)" "$corpus")
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); corpus $mb MB of text"
printf '| extra names | build s | build peak MB | index MB | load s (best of 3) | load peak MB | whole run s | MB/s | run peak MB |\n'
printf '| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n'
for n in "${sizes[@]}"; do
  extra=()
  if [ -f "$n" ]; then
    extra=("$n")
    label="$(basename "$n"): $(grep -cv '^#' "$n") rows"
    n=file
  elif [ "$n" -gt 0 ]; then
    [ -f "$work/names-$n.tsv" ] || synthetic "$n" > "$work/names-$n.tsv"
    extra=("$work/names-$n.tsv")
    label=$n
  else
    label=0
  fi
  index="$work/index-$n.gzi"
  read -r build_s build_kib < <(timed "$GAZETTE" gazetteer build "${extra[@]}" --out "$index")
  size=$(stat -c %s "$index")
  best=""
  for _ in 1 2 3; do
    read -r s kib < <(timed "$GAZETTE" extract --threads 1 --index "$index" "$work/one.jsonl")
    if [ -z "$best" ] || python3 -c "import sys; sys.exit(not float(sys.argv[1]) < float(sys.argv[2]))" "$s" "$best"; then
      best=$s
      load_kib=$kib
    fi
  done
  read -r run_s run_kib < <(timed taskset -c 0 "$GAZETTE" extract --threads 1 --quiet --index "$index" "$corpus")
  python3 - "$label" "$build_s" "$build_kib" "$size" "$best" "$load_kib" "$run_s" "$run_kib" "$mb" <<'EOF'
import sys
n, bs, bk, size, ls, lk, rs, rk, mb = sys.argv[1:]
label = f"{int(n):,}" if n.isdigit() else n
print(f"| {label} | {float(bs):.2f} | {int(bk)/1024:.0f} | {int(size)/1e6:.1f} | {float(ls):.2f} | "
      f"{int(lk)/1024:.0f} | {float(rs):.2f} | {float(mb)/float(rs):.1f} | {int(rk)/1024:.0f} |")
EOF
done
