#!/bin/sh
# Runs a libFuzzer target for $FUZZ_SECONDS (default 30) seconds.
#   run-fuzzer.sh FUZZER SEED_CORPUS WORK_CORPUS ARTIFACT_DIR LOG_DIR
# New inputs go to WORK_CORPUS (kept between runs); the seeds are only read. A crash, a leak,
# a timeout (10 s on one input) or an out-of-memory (2 GB) is saved in ARTIFACT_DIR as
# <target>-<kind>-<sha1> and fails the run. The full output goes to LOG_DIR/<target>.log, its
# end to stdout, and the figures to LOG_DIR/<target>.summary.
set -u
fuzzer=$1 seeds=$2 work=$3 artifacts=$4 logs=$5
name=$(basename "$fuzzer")
mkdir -p "$work" "$artifacts" "$logs"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:quarantine_size_mb=16}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}"

"$fuzzer" -max_total_time="${FUZZ_SECONDS:-30}" -timeout=10 -rss_limit_mb=2048 \
  -print_final_stats=1 -artifact_prefix="$artifacts/$name-" \
  "$work" "$seeds" > "$logs/$name.log" 2>&1
status=$?

tail -n 30 "$logs/$name.log"
# "#123456  DONE   cov: 412 ft: 1871 corp: 301/88Kb lim: 4096 exec/s: 2057 rss: 71Mb"
done_line=$(grep -E '^#[0-9]+[[:space:]]+DONE' "$logs/$name.log" | tail -n 1)
if [ -n "$done_line" ]; then
  figures=$(echo "$done_line" | sed -E 's/^#([0-9]+)[[:space:]]+DONE[[:space:]]+/\1 runs, /')
  echo "$name: $figures" > "$logs/$name.summary"
else
  echo "$name: FAILED (exit status $status): see $logs/$name.log" > "$logs/$name.summary"
fi
cat "$logs/$name.summary"
exit $status
