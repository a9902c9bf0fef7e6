#!/bin/sh
# Runs a libFuzzer target for $FUZZ_SECONDS (default 30) seconds.
#   run-fuzzer.sh FUZZER SEED_CORPUS WORK_CORPUS ARTIFACT_DIR
# New inputs go to WORK_CORPUS (kept between runs), the seeds are only read; a crash, a leak,
# a timeout (10 s on one input) or an out-of-memory (2 GB) is saved in ARTIFACT_DIR as
# <kind>-<target>-<sha1> and fails the test. The last lines of the log are the figures.
set -eu
fuzzer=$1 seeds=$2 work=$3 artifacts=$4
name=$(basename "$fuzzer")
mkdir -p "$work" "$artifacts"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:quarantine_size_mb=16}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}"
exec "$fuzzer" -max_total_time="${FUZZ_SECONDS:-30}" -timeout=10 -rss_limit_mb=2048 \
  -print_final_stats=1 -artifact_prefix="$artifacts/$name-" \
  "$work" "$seeds"
