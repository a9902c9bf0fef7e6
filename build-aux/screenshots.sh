#!/bin/sh
# Regenerates data/screenshots/ (README and AppStream metainfo) from the app itself, under Xvfb:
#   build-aux/screenshots.sh [BUILD_DIR]
# Needs a built tree (make build), xvfb-run and the sample data. The sample is coded first
# with likert-cli, the way an analyst auto-codes a new import.
set -eu
build=${1:-build}
out=data/screenshots
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cli="$build/src/cli/likert-cli"
project="$tmp/sample.likert"
"$cli" import data/samples/website-feedback.csv -o "$project" >/dev/null
"$cli" tag "$project" --add Delivery --search slow --author "Amal" >/dev/null
"$cli" tag "$project" --add Price --search price --author "Amal" >/dev/null
"$cli" tag "$project" --add "Blank page" --search blank --author "Amal" >/dev/null
"$cli" tag "$project" --add Praise --search excellent --author "Amal" >/dev/null

export GSETTINGS_SCHEMA_DIR="$build/data" GSETTINGS_BACKEND=memory LIKERT_LOCALEDIR="$build/po"
export XDG_CACHE_HOME="$tmp/cache" GSK_RENDERER=cairo NO_AT_BRIDGE=1
shoot="$build/tests/ui/likert-shoot"
size="--width 1280 --height 800"

LC_ALL=C.UTF-8 xvfb-run -a "$shoot" "$project" "$out/main.png" $size --select 1 \
  --note "Blank page in Chrome: passed to the web team." >/dev/null
LC_ALL=C.UTF-8 xvfb-run -a "$shoot" "$project" "$out/codebook.png" $size --select 1 \
  --action win.toggle-codebook >/dev/null
LC_ALL=C.UTF-8 xvfb-run -a "$shoot" tests/data/vendors/qualtrics.csv "$out/import.png" >/dev/null
LANGUAGE=ar LC_ALL=C.UTF-8 xvfb-run -a "$shoot" "$project" "$out/main-ar.png" $size \
  --select 0 --rtl >/dev/null
LANGUAGE=fr LC_ALL=C.UTF-8 xvfb-run -a "$shoot" "$project" "$out/main-fr.png" $size \
  --select 2 >/dev/null
LANGUAGE=ru LC_ALL=C.UTF-8 xvfb-run -a "$shoot" "$project" "$out/main-ru.png" $size \
  --select 5 >/dev/null
LC_ALL=C.UTF-8 xvfb-run -a "$shoot" "$project" "$out/large-text.png" $size --select 1 \
  --large-text >/dev/null
ls "$out"
