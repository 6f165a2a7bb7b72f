#!/usr/bin/env bash
# Compares gazette with the tools users would pick instead, in one run, on this machine:
# spaCy's blank English pipeline + PhraseMatcher and FlashText (from PyPI, in a virtual
# environment made here), with the same gazetteer names, on the same corpus
# (default ../shared/corpus/news.jsonl). Prints each tool's MB/s and its ratio to gazette.
# gazette runs single-threaded with its whole pipeline (variants, discovery, coreference)
# and JSONL output; the others only find names.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
corpus="${1:-$root/../shared/corpus/news.jsonl}"
work="${TMPDIR:-/tmp}/gazette-compare"
mkdir -p "$work"

if [ ! -f "$corpus" ]; then
  echo "corpus $corpus not found" >&2
  exit 2
fi
if [ ! -x "$work/venv/bin/python" ]; then
  python3 -m venv "$work/venv"
  "$work/venv/bin/pip" install --quiet spacy flashtext
fi

# The same names gazette matches: every canonical name and alias of the bundled gazetteers.
(cd "$root" && cargo build --release --quiet)
"$root/target/release/gazette" gazetteer names > "$work/names.txt"
echo "names: $(wc -l < "$work/names.txt")"

start=$(date +%s.%N)
"$root/target/release/gazette" extract "$corpus" --threads 1 --quiet --mentions "$work/mentions.jsonl"
end=$(date +%s.%N)
mb=$(python3 -c "import os,sys; print(os.path.getsize(sys.argv[1])/1e6)" "$corpus")
gz=$(python3 -c "print(f'{$mb/($end-$start):.2f}')")
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
printf "tool\tMB/s\tgazette/tool\n"
printf "gazette\t%s\t1.00\n" "$gz"
"$work/venv/bin/python" "$here/compare.py" "$corpus" "$work/names.txt" | while IFS=$'\t' read -r tool speed hits; do
  printf "%s\t%s\t%s\n" "$tool" "$speed" "$(python3 -c "print(f'{$gz/$speed:.1f}')")"
done
