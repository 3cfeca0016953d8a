#!/usr/bin/env bash
# Checks that core's folders include each other in one direction only (docs/ARCHITECTURE.md): a file in
# a folder may include its own folder and the folders listed before it, never one after it.
set -euo pipefail
cd "$(dirname "$0")/.."
order=(catalog util data models eval dist engine distill config store pipeline study)
declare -A rank
for i in "${!order[@]}"; do rank[${order[$i]}]=$i; done
status=0
while IFS= read -r file; do
  folder=$(echo "$file" | cut -d/ -f2)
  [[ -n "${rank[$folder]:-}" ]] || { echo "$file: folder '$folder' is not in the layer order"; status=1; continue; }
  while IFS= read -r inc; do
    target=${inc%%/*}
    [[ -n "${rank[$target]:-}" ]] || continue
    if (( rank[$target] > rank[$folder] )); then
      echo "$file includes $inc: $folder may not depend on $target (a layer above it)"
      status=1
    fi
  done < <(sed -n 's/^#include "\([a-z_]*\/[^"]*\)".*/\1/p' "$file")
done < <(git ls-files 'core/*.cpp' 'core/*.h')
[[ $status -eq 0 ]] && echo "core layers: ok (${order[*]})"
exit $status
