#!/usr/bin/env bash
# Builds the fuzz targets and runs each for FUZZ_SECONDS (default 60) from its seed corpus
# (fuzz/corpus/TARGET); a crash, a failed invariant or a slow input fails the run, and
# libFuzzer leaves the input in fuzz/artifacts/TARGET. cargo-fuzz (pinned) is installed
# first if missing. The toolchain here is stable, so the build uses RUSTC_BOOTSTRAP=1 for
# the -Z flags cargo-fuzz passes, and no sanitizer (docs/fuzzing.md).
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
seconds="${FUZZ_SECONDS:-60}"
if ! cargo fuzz --version 2> /dev/null | grep -q "0.13.2"; then
    cargo install cargo-fuzz --locked --version 0.13.2
fi
export RUSTC_BOOTSTRAP=1
cargo fuzz build --sanitizer none -O
for target in readers gazetteer analyse pipeline; do
    # Runs on a copy of the seeds, so a CI run leaves the committed corpus as it was.
    work="$(mktemp -d)"
    cp -r "corpus/$target/." "$work/"
    status=0
    cargo fuzz run --sanitizer none -O "$target" "$work" -- \
        -max_total_time="$seconds" -timeout=10 -max_len=16384 -print_final_stats=1 \
        > "$work.log" 2>&1 || status=$?
    grep -E "^(stat::number_of_executed_units|stat::peak_rss_mb|==|SUMMARY)" "$work.log" || true
    [ "$status" -eq 0 ] || tail -n 40 "$work.log" >&2
    rm -f "$work.log"
    rm -rf "$work"
    if [ "$status" -ne 0 ]; then
        echo ".ci/fuzz.sh: target $target failed (input in fuzz/artifacts/$target)" >&2
        exit 1
    fi
done
