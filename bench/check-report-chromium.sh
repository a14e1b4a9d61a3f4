#!/usr/bin/env bash
# Checks that a `dlmc report` page renders in a real browser: every <img> of index.html is loaded and
# decoded by headless Chromium to its full size, opaque and not blank (pixels read back from a canvas),
# and takes a screenshot of the page.
#
#   bench/check-report-chromium.sh              # small goe-d1 run (200 trajectories) + report, then check
#   bench/check-report-chromium.sh RUN_DIR      # report an existing finished run, then check
#   bench/check-report-chromium.sh --report-dir DIR   # check an existing report directory as it is
#   SHOT=/tmp/report.png bench/check-report-chromium.sh   # where the screenshot goes (default: beside the report)
#
# Installs Debian's chromium when it is missing (apt-get, needs root). Exit 0 when every image
# rendered, 1 otherwise.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$HERE"

if ! command -v chromium >/dev/null 2>&1; then
  echo "[check] chromium not found: installing Debian's chromium (apt-get)" >&2
  if [ "$(id -u)" -ne 0 ]; then
    echo "check-report-chromium: chromium is missing and installing it needs root (apt-get install -y chromium)" >&2
    exit 1
  fi
  apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null
fi

WORK="$(mktemp -d)"
PROFILE="$(mktemp -d)"
trap 'rm -rf "$PROFILE"' EXIT

if [ "${1:-}" = "--report-dir" ]; then
  REPORT="$(cd "${2:?--report-dir DIR}" && pwd)"      # check an existing report as it is
else
  if [ $# -ge 1 ]; then
    RUN_DIR="$1"
  else
    ./dlmc run conf/experiments/goe-d1.yaml --out "$WORK/runs" --trajectories 200 --run-id check --quiet >/dev/null
    RUN_DIR="$WORK/runs/goe-d1/check"
  fi
  REPORT="$WORK/report"
  ./dlmc report "$RUN_DIR" --out "$REPORT" --quiet
fi

# A copy of the page with a script that, after the load event, draws every <img> onto a canvas and
# writes one line per image into <pre id="imgcheck">: OK when it decoded to its full size with every
# sampled pixel opaque (a truncated PNG leaves transparent rows) and at least 5 colours (not blank).
# --allow-file-access-from-files lets the page read its own file:// images' pixels; --dump-dom prints it.
CHECK="$REPORT/_check.html"
{
  sed '/<\/body>/,$d' "$REPORT/index.html"
  cat <<'JS'
<script>window.addEventListener("load",function(){var o=[],ok=0,imgs=document.images;for(var i=0;i<imgs.length;i++){var m=imgs[i],w=m.naturalWidth,h=m.naturalHeight,s="BAD";var info=w+"x"+h;try{if(m.complete&&w>0&&h>0){var c=document.createElement("canvas");c.width=w;c.height=h;var g=c.getContext("2d");g.drawImage(m,0,0);var d=g.getImageData(0,0,w,h).data,cols={},n=0,transparent=0;for(var y=0;y<h;y+=3){for(var x=0;x<w;x+=3){var k=(y*w+x)*4;if(d[k+3]<255)transparent++;var key=d[k]+","+d[k+1]+","+d[k+2];if(!cols[key]){cols[key]=1;n++;}}}info+=" colours="+n+" transparent="+transparent;if(n>=5&&transparent===0)s="OK";}}catch(e){info+=" "+e.name;}if(s==="OK")ok++;o.push(s+" "+m.getAttribute("src")+" "+info);}o.push("images "+imgs.length+" rendered "+ok);var p=document.createElement("pre");p.id="imgcheck";p.textContent=o.join("\n");document.body.appendChild(p);});</script>
JS
  echo '</body></html>'
} >"$CHECK"

FLAGS=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking
  --disable-component-update --disable-sync --user-data-dir="$PROFILE")

chromium "${FLAGS[@]}" --allow-file-access-from-files --virtual-time-budget=15000 --dump-dom "file://$CHECK" >"$WORK/dom.html" 2>"$WORK/chromium.log" || true
rm -f "$CHECK"

SHOT="${SHOT:-$REPORT/_screenshot.png}"
chromium "${FLAGS[@]}" --hide-scrollbars --window-size=1100,2400 --screenshot="$SHOT" "file://$REPORT/index.html" \
  >>"$WORK/chromium.log" 2>&1 || true

summary="$(grep -o 'images [0-9]* rendered [0-9]*' "$WORK/dom.html" || true)"
if [ -z "$summary" ]; then
  echo "check-report-chromium: FAILED: the check script did not run (see $WORK/chromium.log)" >&2
  exit 1
fi
total="$(echo "$summary" | awk '{print $2}')"
rendered="$(echo "$summary" | awk '{print $4}')"
grep -oE '(OK|BAD) [^ <]+ [0-9]+x[0-9]+[^<]*' "$WORK/dom.html" | grep -v '^images' | sed 's/^/  /' || true
echo "report      $REPORT/index.html"
echo "screenshot  $SHOT ($( [ -s "$SHOT" ] && echo written || echo MISSING ))"
if [ "$total" -gt 0 ] && [ "$total" = "$rendered" ] && [ -s "$SHOT" ]; then
  echo "check-report-chromium: OK: $rendered of $total images rendered in headless Chromium"
  exit 0
fi
echo "check-report-chromium: FAILED: $rendered of $total images rendered" >&2
exit 1
