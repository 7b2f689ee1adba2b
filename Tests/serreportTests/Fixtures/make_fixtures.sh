#!/usr/bin/env bash
# Golden fixtures for the end-to-end parity tests: the Python reference (librosa 0.11.0,
# noisereduce 3.0.3, pydub 0.25.1) run on 12 Samples clips, two per emotion, plain and with the full
# processing chain. Tests never run this; they read its committed output.
#
# Usage (from the repository root, with ../shared beside it):
#   . ../shared/reference/setup-refenv.sh && bash Tests/serreportTests/Fixtures/make_fixtures.sh [all|24bit]
# (24bit remakes only the 24-bit clip's fixtures.)
#
# For each clip it writes:
#   reference/<name>.plain.json  reference_features.py CLIP.wav                       (load only)
#   reference/<name>.full.json   reference_features.py CLIP.wav --normalize --trim --pad-seconds 3 --denoise
#   reference/<name>.full.flac   the final waveform of the full chain (--dump-wave), stored as 24-bit FLAC
#                                at HALF scale (y/2, so no sample clips); tests multiply by 2
# pydub reads only WAV without ffmpeg, so each FLAC clip is first converted to 16-bit WAV with sox
# (lossless: the same PCM samples); serreport reads the FLAC originals.
#
# One 24-bit clip besides (pydub widens 24-bit samples to 32 bits, reference-spec.md §1):
#   reference/f1-angry_s4-24bit.flac       f1/angry_s4 resampled by sox to 44.1 kHz, 24-bit, no dither,
#                                          polarity flipped if needed so its largest-magnitude sample is
#                                          negative (the input serreport reads)
#   reference/f1-angry_s4-24bit.full.json  and .full.flac: the full chain on that clip, as above
# JSON is trimmed to what the tests use, with numbers at float32 precision (9 significant digits).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
ref=$(cd "$root/../shared/reference" && pwd)
: "${REFENV:?source ../shared/reference/setup-refenv.sh first}"
py="$REFENV/bin/python"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
out="$here/reference"
mkdir -p "$out"

clips=(
  m1/neutral_s1 f4/neutral_s2 m3/calm_s3 f1/calm_s4 m7/happy_s5 f3/happy_s1
  m1/sad_s2 f1/sad_s3 m3/angry_s4 f4/angry_s5 m7/fearful_s1 f3/fearful_s2
)
# trimmed PLAIN_OR_FULL_JSON OUT_JSON CLIP: the reference JSON cut down to what the tests read.
trimmed() {
  "$py" - "$1" "$2" "$3" <<'PY'
import json, sys
src, dst, clip = sys.argv[1:4]
d = json.load(open(src))
m = d["meta"]
meta = {"clip": clip, "stages": m["stages"], "chroma_tuning": m["chroma_tuning"], "n_frames": m["n_frames"],
        "input": m["input"], "versions": m["versions"]}
def f32(x):
    return float("%.9g" % x)
out = {"meta": meta,
       "summary": {"names": d["summary"]["names"], "seed": d["summary"]["seed"], "f64": d["summary"]["f64"]},
       "frames": {k: [[f32(v) for v in row] for row in rows] for k, rows in d["frames"].items()}}
json.dump(out, open(dst, "w"), separators=(",", ":"))
PY
}

# full NAME WAV: the full chain on WAV into reference/NAME.full.json and reference/NAME.full.flac.
full() {
  "$py" "$ref/reference_features.py" "$2" --normalize --trim --pad-seconds 3 --denoise \
    --dump-wave "$tmp/$1.full.wav" --out "$tmp/$1.full.json" 2>/dev/null
  sox -v 0.5 "$tmp/$1.full.wav" -b 24 "$out/$1.full.flac"
}

[[ "${1:-all}" == 24bit ]] && clips=()
for clip in "${clips[@]}"; do
  name=${clip/\//-}
  sox "$root/Samples/clips/$clip.flac" -b 16 "$tmp/$name.wav"
  "$py" "$ref/reference_features.py" "$tmp/$name.wav" --out "$tmp/$name.plain.json" 2>/dev/null
  full "$name" "$tmp/$name.wav"
  for variant in plain full; do
    trimmed "$tmp/$name.$variant.json" "$out/$name.$variant.json" "Samples/clips/$clip.flac"
  done
  echo "fixture: $name"
done

name=f1-angry_s4-24bit
sox "$root/Samples/clips/f1/angry_s4.flac" -D -b 24 "$tmp/$name.raw.wav" rate -h 44100
if "$py" -c 'import sys, soundfile as sf; y = sf.read(sys.argv[1], dtype="int32")[0]; sys.exit(0 if -int(y.min()) > int(y.max()) else 1)' "$tmp/$name.raw.wav"; then
  cp "$tmp/$name.raw.wav" "$tmp/$name.wav"
else
  sox "$tmp/$name.raw.wav" -D -b 24 "$tmp/$name.wav" vol -1
fi
"$py" -c 'import sys, soundfile as sf; y = sf.read(sys.argv[1], dtype="int32")[0] >> 8; assert -int(y.min()) > int(y.max()), "largest sample is not negative"; print("24-bit clip: min %d max %d" % (y.min(), y.max()))' "$tmp/$name.wav"
sox "$tmp/$name.wav" "$out/$name.flac"
full "$name" "$tmp/$name.wav"
trimmed "$tmp/$name.full.json" "$out/$name.full.json" "Tests/serreportTests/Fixtures/reference/$name.flac"
echo "fixture: $name"
