#!/usr/bin/env bash
# The pure core's dependencies (`cargo build --no-default-features`) against
# the allow-list .ci/core-crates.txt (docs/EMBEDDING.md): fails, listing them,
# if the core pulls in a crate that is not on the list; notes (without
# failing) the crates on the list that it no longer pulls in.
#
# Usage, from anywhere in the repository: bash .ci/check-core-crates.sh
#
# `cargo tree` resolves for the host platform only: run it on the CI platform.
# A crate added on purpose goes into the list (sorted, one name per line) in
# the same commit as the dependency, so the review sees both.
set -euo pipefail
cd "$(dirname "$0")/.."

allow=.ci/core-crates.txt
if [ ! -f "$allow" ]; then
  echo "check-core-crates: $allow is missing" >&2
  exit 2
fi

if ! tree=$(cargo tree --no-default-features -e normal --prefix none --format '{p}'); then
  echo "check-core-crates: cargo tree failed" >&2
  exit 2
fi

# Crate names: the first word of each line, without repeats, without dualdraw.
used=$(printf '%s\n' "$tree" | awk 'NF { print $1 }' | grep -vx 'dualdraw' | LC_ALL=C sort -u)
allowed=$(grep -v '^[[:space:]]*\(#\|$\)' "$allow" | LC_ALL=C sort -u)

unexpected=$(LC_ALL=C comm -23 <(printf '%s\n' "$used") <(printf '%s\n' "$allowed"))
unused=$(LC_ALL=C comm -13 <(printf '%s\n' "$used") <(printf '%s\n' "$allowed"))

if [ -n "$unused" ]; then
  echo "check-core-crates: note: allowed but no longer pulled in by the core (remove from $allow?):"
  printf '  %s\n' $unused
fi

if [ -n "$unexpected" ]; then
  echo "check-core-crates: the pure core (--no-default-features) pulls in crates not in $allow:" >&2
  printf '  %s\n' $unexpected >&2
  echo "Put the dependency behind a feature, or add the crates to $allow (sorted) if the core really needs them." >&2
  exit 1
fi

echo "check-core-crates: ok ($(printf '%s\n' "$used" | wc -l | tr -d ' ') crates, all allowed)"
