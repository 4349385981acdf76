#!/usr/bin/env bash
# The target draw against its floors, in one run (issue 17; docs/BENCHMARKS.md):
#   1. criterion's `target_draw` group of benches/draw.rs: the draw, the SHA-256
#      baseline and the compression floors (release build, short settings);
#   2. benches/pandas_floor.py: pandas' groupby sample on as many rows;
# then prints each median and the ratios. Size: DUALDRAW_BENCH_SAMPLE_ENTITIES
# (default 10,000,000). Peak memory of each step from /usr/bin/time -v when
# it is installed. Not run by CI.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_BUILD_JOBS="${CARGO_BUILD_JOBS:-1}"
n="${DUALDRAW_BENCH_SAMPLE_ENTITIES:-10000000}"
export DUALDRAW_BENCH_SAMPLE_ENTITIES="$n"
# The other groups of the bench file are skipped by the filter, but their
# set-up still runs: keep the verification registry small.
export DUALDRAW_BENCH_VERIFY_ENTITIES="${DUALDRAW_BENCH_VERIFY_ENTITIES:-1000}"
out="target/floor-ratios"
mkdir -p "$out"
timer=()
if [ -x /usr/bin/time ]; then timer=(/usr/bin/time -v -o "$out/criterion.time"); fi

cargo bench --bench draw --no-default-features --features generate,parallel --no-run
echo "== criterion: target_draw at $n entities ($(date -u +%Y-%m-%dT%H:%MZ))"
"${timer[@]}" cargo bench --bench draw --no-default-features --features generate,parallel -- \
  target_draw --warm-up-time 1 --measurement-time 5 --sample-size 10 | tee "$out/criterion.txt"

echo "== pandas"
timer=()
if [ -x /usr/bin/time ]; then timer=(/usr/bin/time -v -o "$out/pandas.time"); fi
"${timer[@]}" python3 benches/pandas_floor.py | tee "$out/pandas.txt"

python3 - "$n" "$out" <<'EOF'
import json, os, re, sys
n, out = sys.argv[1], sys.argv[2]
def median(name):
    p = os.path.join("target", "criterion", "target_draw", f"{name}_{n}", "new", "estimates.json")
    with open(p) as f:
        return json.load(f)["median"]["point_estimate"] / 1e9
def peak(step):
    try:
        t = open(os.path.join(out, f"{step}.time")).read()
    except OSError:
        return "n/a"
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", t)
    return f"{int(m.group(1)) / 1024:.0f} MiB" if m else "n/a"
names = ["compression_floor_one_core", "compression_floor_all_cores",
         "sha256_per_entity_key_one_core", "select_4_strata_all_cores",
         "pool_and_select_all_cores"]
t = {k: median(k) for k in names}
m = re.search(r"median ([0-9.]+) s", open(os.path.join(out, "pandas.txt")).read())
pandas = float(m.group(1)) if m else float("nan")
print(f"\n== medians at {n} entities")
for k in names:
    print(f"{k:34s} {t[k]:.3f} s")
print(f"{'pandas groupby sample(frac=0.05)':34s} {pandas:.3f} s")
fl = t["compression_floor_all_cores"]
for k in ["select_4_strata_all_cores", "pool_and_select_all_cores"]:
    print(f"{k}: {t[k] / fl:.2f}x the all-cores floor, {t[k] / t['compression_floor_one_core']:.2f}x the one-core floor, "
          f"{t[k] / pandas:.2f}x pandas, {t[k] / t['sha256_per_entity_key_one_core']:.2f}x the SHA-256 baseline; "
          f"under 2x the all-cores floor: {'yes' if t[k] < 2 * fl else 'no'}")
print(f"peak memory: criterion bench process {peak('criterion')}, pandas process {peak('pandas')}")
EOF
