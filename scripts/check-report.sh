#!/usr/bin/env bash
# Checks a built report folder: every image index.html references exists, and features.csv has one
# row per clip of the manifest. Usage: scripts/check-report.sh REPORT_DIR MANIFEST_CSV
set -euo pipefail
dir=$1
manifest=$2
[[ -s "$dir/index.html" ]] || { echo "check-report: $dir/index.html missing or empty" >&2; exit 1; }
missing=0
images=0
while read -r src; do
  images=$((images + 1))
  [[ -s "$dir/$src" ]] || { echo "check-report: $dir/index.html shows $src, which does not exist" >&2; missing=1; }
done < <(grep -o '<img src="[^"]*"' "$dir/index.html" | sed 's/<img src="//; s/"$//')
((images > 0)) || { echo "check-report: $dir/index.html shows no images" >&2; exit 1; }
((missing == 0)) || exit 1
clips=$(($(wc -l < "$manifest") - 1))
rows=$(($(wc -l < "$dir/features.csv") - 1))
[[ "$rows" -eq "$clips" ]] || { echo "check-report: features.csv has $rows rows for $clips clips" >&2; exit 1; }
echo "check-report: $dir ok ($images images, $rows feature rows)"
