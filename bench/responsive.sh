#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# bench/responsive.sh [ROWS]: is the window responsive while it works on large data? Makes a
# project of ROWS generated responses (default 1,000,000) with likert-cli, and a second export of
# ROWS other responses (another seed, other response ids); then, under Xvfb, bench-responsive
# opens the project in the window and imports the second file into it through the import
# dialog, and prints the longest stalls of the main loop in each phase (goal: none > 100 ms).
#
# Environment: BUILDDIR (default: build); BENCH_DIR (default: a new folder under TMPDIR, removed
# at the end). Needs python3 and xvfb-run.

set -eu

ROWS=${1:-1000000}
SOURCE_ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILDDIR=${BUILDDIR:-build}
case $BUILDDIR in
  /*) ;;
  *) BUILDDIR=$SOURCE_ROOT/$BUILDDIR ;;
esac
CLI=$BUILDDIR/src/cli/likert-cli
BENCH=$BUILDDIR/bench/bench-responsive
[ -x "$BENCH" ] || { echo "bench/responsive.sh: $BENCH not found: build first" >&2; exit 1; }

if [ -n "${BENCH_DIR:-}" ]; then
  mkdir -p "$BENCH_DIR"; WORK=$(cd "$BENCH_DIR" && pwd)
else
  WORK=$(mktemp -d); trap 'rm -rf "$WORK"' EXIT
fi

python3 "$SOURCE_ROOT/data/samples/generate.py" --rows "$ROWS" --seed 20240601 -o "$WORK/first.csv"
python3 "$SOURCE_ROOT/data/samples/generate.py" --rows "$ROWS" --seed 20250101 -o - |
  sed 's/^R-/S-/' > "$WORK/second.csv"
rm -f "$WORK/project.likert"
"$CLI" import "$WORK/first.csv" -o "$WORK/project.likert" >/dev/null

echo "$ROWS responses in the project, $ROWS more imported through the window"
GSETTINGS_SCHEMA_DIR=$BUILDDIR/data GSETTINGS_BACKEND=memory XDG_CACHE_HOME=$WORK/cache \
  GSK_RENDERER=cairo NO_AT_BRIDGE=1 \
  xvfb-run -a -s "-screen 0 1280x800x24" "$BENCH" "$WORK/project.likert" "$WORK/second.csv"
