#!/usr/bin/env bash
# Runs fuzz targets one after another for SECONDS each, under the issue-12
# limits (-rss_limit_mb=1024 -malloc_limit_mb=1024), and prints one line per
# target: minutes, executions, new crash files.
#
#   bash fuzz/run.sh 600                       # every target, 10 minutes each
#   bash fuzz/run.sh 600 leave_xlsx uscc       # the named targets
#   FUZZ_BIN=fuzz/target/debug bash fuzz/run.sh 5   # CI smoke: plain build, no coverage
#
# Binaries: `RUSTC_BOOTSTRAP=1 cargo fuzz build -O` (coverage-guided) puts them in
# fuzz/target/x86_64-unknown-linux-gnu/release; a plain `cargo build --bins` in
# fuzz/target/debug runs the same targets unguided. The corpus grows in
# fuzz/corpus/TARGET, crashes land in fuzz/artifacts/TARGET (both ignored by git).
set -euo pipefail
cd "$(dirname "$0")"
secs=${1:?usage: run.sh SECONDS [TARGET...]}
shift
bin=${FUZZ_BIN:-target/x86_64-unknown-linux-gnu/release}
bin=${bin#fuzz/}
if [ $# -eq 0 ]; then
  set -- $(ls fuzz_targets | sed 's/\.rs$//')
fi
status=0
for t in "$@"; do
  mkdir -p "corpus/$t" "artifacts/$t"
  before=$(ls "artifacts/$t" | wc -l)
  log="artifacts/$t.log"
  start=$(date +%s)
  set +e
  "$bin/$t" "corpus/$t" -max_total_time="$secs" -rss_limit_mb=1024 -malloc_limit_mb=1024 \
    -max_len=65536 -artifact_prefix="artifacts/$t/" -print_final_stats=1 >"$log" 2>&1
  rc=$?
  set -e
  end=$(date +%s)
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo '?')
  after=$(ls "artifacts/$t" | wc -l)
  printf '%-24s %6.1f min  %12s execs  exit %d  new crash files %d\n' \
    "$t" "$(echo "($end-$start)/60" | bc -l)" "$execs" "$rc" "$((after-before))"
  if [ "$rc" -ne 0 ] || [ "$after" -ne "$before" ]; then
    status=1
    tail -30 "$log" >&2
  fi
done
exit $status
