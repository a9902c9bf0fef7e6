#!/bin/sh
# Regenerates data/screenshots/ (README and AppStream metainfo) from the app itself, under Xvfb:
#   build-aux/screenshots.sh [BUILD_DIR]
# Needs a built tree (make build), xvfb-run and the sample data.
set -eu
build=${1:-build}
out=data/screenshots
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$build/src/cli/likert-cli" import data/samples/website-feedback.csv -o "$tmp/sample.likert" >/dev/null
export GSETTINGS_SCHEMA_DIR="$build/data" GSETTINGS_BACKEND=memory LIKERT_LOCALEDIR="$build/po"
export XDG_CACHE_HOME="$tmp/cache" GSK_RENDERER=cairo NO_AT_BRIDGE=1
shoot="$build/tests/ui/likert-shoot"

LC_ALL=C.UTF-8 xvfb-run -a "$shoot" "$tmp/sample.likert" "$out/main.png" --select 1 \
  --note "Blank page in Chrome: passed to the web team." >/dev/null
LC_ALL=C.UTF-8 xvfb-run -a "$shoot" tests/data/vendors/qualtrics.csv "$out/import.png" >/dev/null
LANGUAGE=ar LC_ALL=ar_EG.UTF-8 xvfb-run -a "$shoot" "$tmp/sample.likert" "$out/main-ar.png" \
  --select 0 --rtl >/dev/null
ls "$out"
