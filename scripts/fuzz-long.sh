#!/usr/bin/env bash
# The long fuzzing run: every libFuzzer target (built by `make fuzz` into BUILD) from the seeds it
# makes itself, RUNS executions each (at most 20 minutes a target), one after another.
# Findings land in BUILD/fuzz-findings/TARGET/ (crash-*, timeout-*, oom-*); make each a regression test.
#   scripts/fuzz-long.sh [BUILD=build-fuzz] [RUNS=150000]
set -uo pipefail
build="${1:-build-fuzz}"
runs="${2:-150000}"
status=0
for t in loaders delimited_detect run_store config external_teacher zip_archive; do
  corpus="$build/fuzz-corpus/$t"
  findings="$build/fuzz-findings/$t"
  mkdir -p "$corpus" "$findings"
  RD_FUZZ_WRITE_SEEDS="$corpus" "$build/fuzz_$t" >/dev/null
  start=$(date +%s)
  "$build/fuzz_$t" "$corpus" -runs="$runs" -max_total_time=1200 -timeout=10 -rss_limit_mb=2048 \
    -max_len=65536 -seed=1 -print_final_stats=1 -artifact_prefix="$findings/" \
    >"$build/fuzz-$t.log" 2>&1
  rc=$?
  executed=$(grep -o 'number_of_executed_units: *[0-9]*' "$build/fuzz-$t.log" | grep -o '[0-9]*$')
  echo "fuzz_$t: ${executed:-?} executions in $(( $(date +%s) - start )) s, exit $rc," \
       "findings: $(ls "$findings" | wc -l) (log: $build/fuzz-$t.log)"
  [ "$rc" -eq 0 ] || status=1
done
exit $status
