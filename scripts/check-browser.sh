#!/usr/bin/env bash
# Loads a report page in headless Chromium (Debian's chromium) and checks that every image on it
# loads and that the page logs nothing to the console (a CSP violation, a blocked request). The page
# is opened in an iframe of a small checker page that counts the images that did not load.
# Usage: scripts/check-browser.sh REPORT_DIR/index.html
set -euo pipefail
page=$(realpath "$1")
[[ -s "$page" ]] || { echo "check-browser: $page missing or empty" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat > "$work/check.html" <<HTML
<!DOCTYPE html><html><body><pre id="result">not loaded</pre>
<iframe id="page" src="file://$page" style="width:1200px;height:900px"></iframe>
<script>
document.getElementById('page').addEventListener('load', () => setTimeout(() => {
  const images = Array.from(document.getElementById('page').contentDocument.images);
  const broken = images.filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.getAttribute('src').slice(0, 60));
  document.getElementById('result').textContent = 'images=' + images.length + ' broken=' + broken.length + ' ' + broken.join(' ');
}, 500));
</script></body></html>
HTML
chromium --headless --no-sandbox --disable-gpu --allow-file-access-from-files --enable-logging=stderr --v=0 \
  --virtual-time-budget=15000 --dump-dom "file://$work/check.html" >"$work/dom.html" 2>"$work/log.txt" || true
result=$(grep -o 'images=[0-9]* broken=[0-9]*[^<]*' "$work/dom.html" || echo "no result (Chromium did not run the checker)")
console=$(grep "CONSOLE" "$work/log.txt" | grep -F "$page" || true)
status=0
[[ "$result" =~ ^images=([0-9]+)\ broken=0 ]] && ((BASH_REMATCH[1] > 0)) || { echo "check-browser: $page: $result" >&2; status=1; }
[[ -z "$console" ]] || { echo "check-browser: $page logged to the console:" >&2; echo "$console" >&2; status=1; }
((status == 0)) && echo "check-browser: $page ok (${result%% broken*}, no console messages)"
exit $status
