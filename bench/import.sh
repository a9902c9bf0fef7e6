#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# bench/import.sh [ROWS]: how fast `likert-cli import` turns a large export into a project, against
# the sqlite3 shell's `.import` of the same file (which neither types, validates nor indexes it).
#
# Generates ROWS responses (default 1,000,000) with data/samples/generate.py and a fixed seed
# (multilingual comments, quoted line breaks), then times each tool RUNS times (default 3),
# alternating, with the file in the page cache, each run into a fresh file beside the CSV. Prints
# the median seconds, rows/s, MB/s and peak RSS of each, the ratio likert/sqlite3 of the medians,
# and the spread of the ratios of each import to the sqlite3 run just before it.
#
# Environment: BUILDDIR (default: build, relative to the source tree) holds the built likert-cli;
# SEED (default 20240601); RUNS (default 3); BENCH_DIR, the folder to work in (default: a new
# one under TMPDIR, removed at the end); TRACE=1 imports once more at the end and prints where
# that import's time went (each phase's end, and the CPU time of the thread that ended it).
# Needs python3, sqlite3 and GNU time (/usr/bin/time).

set -eu

ROWS=${1:-1000000}
SEED=${SEED:-20240601}
RUNS=${RUNS:-3}
SOURCE_ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILDDIR=${BUILDDIR:-build}
case $BUILDDIR in
  /*) ;;
  *) BUILDDIR=$SOURCE_ROOT/$BUILDDIR ;;
esac
CLI=$BUILDDIR/src/cli/likert-cli
GENERATE=$SOURCE_ROOT/data/samples/generate.py
GNU_TIME=/usr/bin/time

die () {
  echo "bench/import.sh: $*" >&2
  exit 1
}

case $ROWS in
  ''|*[!0-9]*|0) echo "Usage: bench/import.sh [ROWS]   (default 1000000)" >&2; exit 2 ;;
esac
case $RUNS in
  ''|*[!0-9]*|0) die "RUNS must be a positive number" ;;
esac
[ -x "$CLI" ] || die "$CLI not found: build first (make build, or set BUILDDIR)"
command -v python3 >/dev/null || die "python3 not found"
command -v sqlite3 >/dev/null || die "sqlite3 not found (Debian: apt install sqlite3)"
[ -x "$GNU_TIME" ] || die "$GNU_TIME not found (Debian: apt install time)"

if [ -n "${BENCH_DIR:-}" ]; then
  mkdir -p "$BENCH_DIR"
  WORK=$(cd "$BENCH_DIR" && pwd)
  KEEP_WORK=1
else
  WORK=$(mktemp -d "${TMPDIR:-/tmp}/likert-bench.XXXXXX")
  KEEP_WORK=0
fi
CSV=$WORK/responses.csv
DB=$WORK/reference.sqlite
PROJECT=$WORK/bench.likert
TIMES=$WORK/times

remove_outputs () {
  rm -f "$DB" "$DB-journal" "$DB-wal" "$DB-shm" \
        "$PROJECT" "$PROJECT-journal" "$PROJECT-wal" "$PROJECT-shm"
}

cleanup () {
  remove_outputs
  rm -f "$TIMES" "$TIMES".*
  if [ "$KEEP_WORK" = 0 ]; then
    rm -f "$CSV" "$WORK/responses.args"
    rmdir "$WORK" 2>/dev/null || true
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

now () {
  date +%s.%N
}

# run_timed NAME OUTPUT COMMAND…: runs the command once into fresh outputs; appends "seconds
# kilobytes bytes cpu-seconds" (wall time from the clock, peak RSS from GNU time, the size of
# OUTPUT and its WAL, user + system time from GNU time) to $TIMES.NAME.
run_timed () {
  name=$1
  output=$2
  shift 2
  remove_outputs
  sync
  start=$(now)
  "$GNU_TIME" -f "%M %U %S" -o "$TIMES.rss" "$@" >"$TIMES.out" 2>"$TIMES.err" ||
    { cat "$TIMES.err" >&2; die "$name failed: $*"; }
  end=$(now)
  bytes=$(cat "$output" "$output-wal" 2>/dev/null | wc -c)
  echo "$start $end $(tail -n 1 "$TIMES.rss") $bytes" |
    awk '{ printf "%.6f %d %d %.2f\n", $2 - $1, $3, $6, $4 + $5 }' >>"$TIMES.$name"
}

# median FILE [COLUMN]: the median of a column, the first by default (the lower middle one for
# an even count).
median () {
  awk -v c="${2:-1}" '{ print $c }' "$1" | sort -n |
    awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

# peak FILE: the largest peak RSS (second column), in MB.
peak () {
  awk 'BEGIN { m = 0 } $2 > m { m = $2 } END { printf "%.1f", m / 1024 }' "$1"
}

# output_size FILE: the size of the last run's output (third column), in MB.
output_size () {
  awk 'END { printf "%.1f", $3 / 1e6 }' "$1"
}

# Generate, unless BENCH_DIR already holds the same file.
if [ ! -s "$CSV" ] || [ "$(cat "$WORK/responses.args" 2>/dev/null)" != "$ROWS $SEED" ]; then
  echo "Generating $ROWS responses (seed $SEED)…"
  start=$(now)
  python3 "$GENERATE" --rows "$ROWS" --seed "$SEED" -o "$CSV"
  echo "$ROWS $SEED" >"$WORK/responses.args"
  echo "  in $(awk -v s="$start" -v e="$(now)" 'BEGIN { printf "%.1f", e - s }') s"
fi
BYTES=$(wc -c <"$CSV")
MB=$(awk -v b="$BYTES" 'BEGIN { printf "%.1f", b / 1e6 }')

# Warm the page cache: every run reads the file from memory.
cat "$CSV" >/dev/null

rm -f "$TIMES".*
run=1
while [ "$run" -le "$RUNS" ]; do
  echo "Run $run of $RUNS…"
  run_timed sqlite3 "$DB" sqlite3 "$DB" -cmd ".mode csv" ".import '$CSV' t"
  n_sqlite=$(sqlite3 "$DB" "SELECT count(*) FROM t")
  run_timed likert "$PROJECT" "$CLI" import "$CSV" -o "$PROJECT"
  n_likert=$(sed -n 's/^ *New: *\([0-9][0-9]*\)$/\1/p' "$TIMES.out")
  [ "$n_sqlite" = "$ROWS" ] || die "sqlite3 imported $n_sqlite rows, not $ROWS"
  [ "$n_likert" = "$ROWS" ] || die "likert-cli imported ${n_likert:-no} rows, not $ROWS"
  run=$((run + 1))
done

S_SQLITE=$(median "$TIMES.sqlite3")
S_LIKERT=$(median "$TIMES.likert")
PROJECT_MB=$(output_size "$TIMES.likert")
DB_MB=$(output_size "$TIMES.sqlite3")

echo
echo "$ROWS rows, $MB MB CSV (generate.py --seed $SEED); median of $RUNS runs, warm cache"
awk -v rows="$ROWS" -v mb="$MB" \
    -v s1="$S_SQLITE" -v c1="$(median "$TIMES.sqlite3" 4)" -v r1="$(peak "$TIMES.sqlite3")" \
    -v o1="$DB_MB" \
    -v s2="$S_LIKERT" -v c2="$(median "$TIMES.likert" 4)" -v r2="$(peak "$TIMES.likert")" \
    -v o2="$PROJECT_MB" '
  function line(what, s, cpu, rss, out) {
    printf "%-18s %8.3f s %10s rows/s %6.1f MB/s   cpu %7.2f s   peak RSS %6.1f MB   " \
           "output %6.1f MB\n", what, s, thousands(rows / s), mb / s, cpu, rss, out
  }
  function thousands(x,   t, r) {
    t = sprintf("%.0f", x); r = ""
    while (length(t) > 3) { r = "," substr(t, length(t) - 2) r; t = substr(t, 1, length(t) - 3) }
    return t r
  }
  BEGIN {
    line("sqlite3 .import", s1, c1, r1, o1)
    line("likert-cli import", s2, c2, r2, o2)
    printf "ratio: %.2fx (goal ≤ 0.5x)\n", s2 / s1
  }'
# The VM's speed drifts between runs: each import against the sqlite3 run just before it too.
paste -d ' ' "$TIMES.sqlite3" "$TIMES.likert" | awk '{ print $5 / $1 }' | sort -n |
  awk '{ r[NR] = $1 } END {
    printf "run by run: %.2f–%.2fx, median %.2fx\n", r[1], r[NR], r[int((NR + 1) / 2)] }'

if [ "${TRACE:-0}" = 1 ]; then
  echo
  echo "Where one more import's time went (ms since it began; CPU time of the thread ending each phase):"
  remove_outputs
  # (GLib prints debug messages on the standard output)
  G_MESSAGES_DEBUG=likert-import "$CLI" import "$CSV" -o "$PROJECT" 2>&1 |
    sed -n 's/^.*likert-import-DEBUG: [0-9:.]*: */  /p'
fi
