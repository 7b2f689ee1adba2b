#!/usr/bin/env bash
# Renders every page of a PDF with pdftoppm (poppler-utils) and checks that each gave an image.
# Usage: scripts/check-pdf.sh REPORT_DIR/report.pdf
set -euo pipefail
pdf=$1
pages=$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')
((pages > 0)) || { echo "check-pdf: $pdf has no pages" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pdftoppm -r 30 -png "$pdf" "$work/page"
rendered=$(find "$work" -name 'page-*.png' -size +1k | wc -l)
[[ "$rendered" -eq "$pages" ]] || { echo "check-pdf: $pdf: $rendered of $pages pages rendered" >&2; exit 1; }
echo "check-pdf: $pdf ok ($pages pages rendered)"
