#!/usr/bin/env bash
# Generate the synthetic default corpus of serreport (Samples/).
#
#   bash Samples/generate.sh            # (re)writes Samples/clips/ and Samples/manifest.csv
#   bash Samples/generate.sh /tmp/out   # writes /tmp/out/clips/ and /tmp/out/manifest.csv
#
# Every clip is espeak-ng formant synthesis with per-emotion prosody, a per-emotion sox effect,
# small per-clip jitter, random leading/trailing silence and background noise at a random SNR.
# All randomness comes from a SHA-512 hash of (SEED, clip id) per clip, so the output is
# byte-identical on every run with the same espeak-ng and sox versions (see Samples/README.md).
set -euo pipefail
export LC_ALL=C

SEED="serreport-samples-v1"
SAMPLE_RATE=16000

# ---------------------------------------------------------------------------------------------
# Emotions. One row each:
#   name | pitch (espeak-ng -p, 0-99) | pitch range (SSML <prosody range>, 0-100)
#        | rate (espeak-ng -s, words/min) | amplitude (espeak-ng -a, 0-200) | sox effects ("-": none)
EMOTIONS=(
  "neutral | 50 | 50 | 165 |  85 | -"
  "calm    | 40 | 25 | 135 |  60 | lowpass 4500"
  "happy   | 68 | 90 | 185 | 115 | gain -2 treble +5 3000"
  "sad     | 30 | 12 | 110 |  50 | lowpass 2500"
  "angry   | 56 | 70 | 200 | 110 | gain -6 treble +4 2500 compand 0.005,0.1 6:-70,-70,-40,-16,-10,-8,0,-6 -5 -90 0.01 overdrive 12 10 gain -2"
  "fearful | 78 | 55 | 205 | 100 | tremolo 7 45 chorus 0.6 0.9 25 0.5 4.5 1.5 -s gain +3"
)

# Voices (speakers). One row each:
#   speaker id | espeak-ng voice | gender | pitch offset (added to -p) | rate offset (% of -s)
VOICES=(
  "m1 | en+m1    | male   | -6 | -4"
  "m3 | en+m3    | male   |  0 |  0"
  "m7 | en-us+m7 | male   | 12 |  4"
  "f1 | en+f1    | female | -8 |  3"
  "f3 | en+f3    | female |  2 | -3"
  "f4 | en-us+f4 | female |  8 |  0"
)

# Sentences: short, emotionally neutral content (in the spirit of RAVDESS's two statements).
SENTENCES=(
  "Kids are talking by the door."
  "Dogs are sitting by the door."
  "The chair is next to the window."
  "It is eleven o'clock."
  "The bus leaves at seven."
)

# Per-clip jitter (uniform, +/-) so that clips of one class differ.
JITTER_PITCH=5       # espeak-ng -p units
JITTER_RANGE=10      # <prosody range> units
JITTER_RATE_PCT=6    # % of the rate
JITTER_AMP_PCT=10    # % of the amplitude

# Silence and noise.
SILENCE_MIN=0.10 SILENCE_MAX=0.60   # seconds, leading and trailing, drawn independently
SNR_MIN=5 SNR_MAX=30                # dB, uniform
NOISES=(white pink brown)           # sox synth colours; each clip uses one, at a random offset
NOISE_BED_SECONDS=60
NOISE_HIGHPASS_HZ=60                # keeps brown noise's sub-audio drift out of the SNR
PEAK_LIMIT=0.95                     # a clip whose mix peaks above this is scaled down whole

# ---------------------------------------------------------------------------------------------

die() { echo "generate.sh: $*" >&2; exit 1; }

for tool in espeak-ng sox sha512sum awk sort; do
  command -v "$tool" >/dev/null 2>&1 || die "'$tool' not found on PATH; install it (Debian: apt-get install espeak-ng sox libsox-fmt-base)"
done
[[ " $(sox -h 2>/dev/null | awk -F': ' '/^AUDIO FILE FORMATS/ {print $2}') " == *" flac "* ]] || die "this sox cannot write FLAC (Debian: apt-get install libsox-fmt-base)"

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
OUT="${1:-$HERE}"
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"

ESPEAK_VERSION="$(espeak-ng --version | awk '{for (i = 1; i <= NF; i++) if ($i ~ /^[0-9]+\.[0-9]+/) { print $i; exit }}')"
SOX_VERSION="$(sox --version | awk '{print $NF}')"
echo "generate.sh: espeak-ng ${ESPEAK_VERSION}, sox ${SOX_VERSION} -> ${OUT}" >&2
if [[ "$ESPEAK_VERSION" != "1.51" || "$SOX_VERSION" != "v14.4.2" ]]; then
  echo "generate.sh: note: the committed corpus was made with espeak-ng 1.51 and sox v14.4.2;" \
       "other versions give different (but equally valid) bytes" >&2
fi

WORK="$(mktemp -d "${TMPDIR:-/tmp}/serreport-samples.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

trim() { local s="$1"; s="${s#"${s%%[![:space:]]*}"}"; printf '%s' "${s%"${s##*[![:space:]]}"}"; }

# sox -R: repeatable (fixed random seed), -D: no dither. (--comment "" on the FLAC write below
# keeps sox's "Processed by SoX" comment out of the files.)
SOX=(sox -R -D)

# RMS and peak of an audio file, from `sox FILE -n stat`.
rms_of()  { sox "$1" -n stat 2>&1 | awk -F: '/^RMS +amplitude/ {gsub(/ /, "", $2); print $2}'; }
peak_of() { sox "$1" -n stat 2>&1 | awk -F: '/^Maximum amplitude|^Minimum amplitude/ {v = $2 + 0; if (v < 0) v = -v; if (v > p) p = v} END {printf "%.6f\n", p}'; }

# Noise beds: one per colour, float, high-passed; clips cut a random stretch out of them.
for colour in "${NOISES[@]}"; do
  "${SOX[@]}" -n -r "$SAMPLE_RATE" -c 1 -e floating-point -b 32 "$WORK/bed_${colour}.wav" \
    synth "$NOISE_BED_SECONDS" "${colour}noise" highpass "$NOISE_HIGHPASS_HZ"
done

rm -rf "$OUT/clips"
ROWS="$WORK/rows.csv"
: >"$ROWS"
count=0

for vrow in "${VOICES[@]}"; do
  IFS='|' read -r speaker voice gender poff roff <<<"$vrow"
  speaker="$(trim "$speaker")" voice="$(trim "$voice")" gender="$(trim "$gender")"
  poff="$(trim "$poff")" roff="$(trim "$roff")"
  mkdir -p "$OUT/clips/$speaker"

  for erow in "${EMOTIONS[@]}"; do
    IFS='|' read -r emotion pitch range rate amp effects <<<"$erow"
    emotion="$(trim "$emotion")" pitch="$(trim "$pitch")" range="$(trim "$range")"
    rate="$(trim "$rate")" amp="$(trim "$amp")" effects="$(trim "$effects")"
    [[ "$effects" == "-" ]] && effects=""

    for i in "${!SENTENCES[@]}"; do
      sentence_id="s$((i + 1))"
      text="${SENTENCES[$i]}"
      clip="${speaker}_${emotion}_${sentence_id}"
      rel="clips/${speaker}/${emotion}_${sentence_id}.flac"

      # Nine uniform numbers in [0,1) for this clip, from 32-bit slices of one SHA-512.
      hash="$(printf '%s/%s' "$SEED" "$clip" | sha512sum)"
      u=()
      for k in 0 1 2 3 4 5 6 7 8; do u+=("$((16#${hash:$((k * 8)):8}))"); done

      # All arithmetic in one awk call; prints shell assignments.
      eval "$(awk -v u="${u[*]}" -v n_noise="${#NOISES[@]}" \
        -v pitch="$pitch" -v range="$range" -v rate="$rate" -v amp="$amp" -v poff="$poff" -v roff="$roff" \
        -v jp="$JITTER_PITCH" -v jr="$JITTER_RANGE" -v jrate="$JITTER_RATE_PCT" -v jamp="$JITTER_AMP_PCT" \
        -v smin="$SILENCE_MIN" -v smax="$SILENCE_MAX" -v snrmin="$SNR_MIN" -v snrmax="$SNR_MAX" '
        function clamp(x, lo, hi) { return x < lo ? lo : (x > hi ? hi : x) }
        function r(x) { return int(x + 0.5) }
        BEGIN {
          split(u, v, " "); for (k = 1; k <= 9; k++) v[k] = v[k] / 4294967296
          printf "c_pitch=%d\n", clamp(r(pitch + poff + (2 * v[1] - 1) * jp), 0, 99)
          printf "c_range=%d\n", clamp(r(range + (2 * v[2] - 1) * jr), 0, 100)
          printf "c_rate=%d\n",  clamp(r(rate * (1 + roff / 100) * (1 + (2 * v[3] - 1) * jrate / 100)), 80, 450)
          printf "c_amp=%d\n",   clamp(r(amp * (1 + (2 * v[4] - 1) * jamp / 100)), 0, 200)
          printf "c_snr=%.2f\n", snrmin + v[5] * (snrmax - snrmin)
          printf "c_noise_i=%d\n", int(v[6] * n_noise)
          printf "c_noise_u=%.6f\n", v[7]
          printf "c_lead=%.3f\n",  smin + v[8] * (smax - smin)
          printf "c_trail=%.3f\n", smin + v[9] * (smax - smin)
        }')"
      noise="${NOISES[$c_noise_i]}"

      # 1. Speech: espeak-ng (22.05 kHz), trim its own edge silence, emotion effect, resample.
      espeak-ng -m -v "$voice" -p "$c_pitch" -s "$c_rate" -a "$c_amp" -w "$WORK/tts.wav" \
        "<speak><prosody range=\"${c_range}\">${text}</prosody></speak>"
      # shellcheck disable=SC2086  # $effects is a list of sox effect words
      "${SOX[@]}" "$WORK/tts.wav" -e floating-point -b 32 "$WORK/speech.wav" \
        silence 1 0.005 0.01% reverse silence 1 0.005 0.01% reverse $effects rate "$SAMPLE_RATE"
      speech_rms="$(rms_of "$WORK/speech.wav")"

      # 2. Silence around it.
      "${SOX[@]}" "$WORK/speech.wav" "$WORK/padded.wav" pad "$c_lead" "$c_trail"
      samples="$(sox --i -s "$WORK/padded.wav")"

      # 3. Noise: a stretch of the bed as long as the clip, at a random offset.
      bed_samples="$(sox --i -s "$WORK/bed_${noise}.wav")"
      offset="$(awk -v u="$c_noise_u" -v b="$bed_samples" -v n="$samples" 'BEGIN {printf "%d", u * (b - n)}')"
      "${SOX[@]}" "$WORK/bed_${noise}.wav" "$WORK/noise.wav" trim "${offset}s" "${samples}s"
      noise_rms="$(rms_of "$WORK/noise.wav")"

      # 4. Mix at the SNR: noise gain = speech RMS / (noise RMS * 10^(SNR/20)). Both inputs are
      #    mixed at half level, so that the float intermediate cannot clip.
      gain="$(awk -v s="$speech_rms" -v n="$noise_rms" -v snr="$c_snr" 'BEGIN {printf "%.8f", 0.5 * s / (n * exp(log(10) * snr / 20))}')"
      "${SOX[@]}" -m -v 0.5 "$WORK/padded.wav" -v "$gain" "$WORK/noise.wav" -e floating-point -b 32 "$WORK/mix.wav"

      # 5. Back to full level, or less if the mix would peak above PEAK_LIMIT (scales speech and
      #    noise alike, so the SNR holds); write 16-bit FLAC.
      peak="$(peak_of "$WORK/mix.wav")"
      scale="$(awk -v p="$peak" -v lim="$PEAK_LIMIT" 'BEGIN {printf "%.6f", (2 * p > lim ? lim / p : 2)}')"
      "${SOX[@]}" "$WORK/mix.wav" -r "$SAMPLE_RATE" -c 1 -b 16 -C 8 --comment "" "$OUT/$rel" vol "$scale"

      printf '%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s\n' \
        "$rel" "$emotion" "$speaker" "$gender" "$voice" "$sentence_id" "$c_snr" "$noise" \
        "$c_lead" "$c_trail" "$c_pitch" "$c_range" "$c_rate" "$c_amp" >>"$ROWS"
      count=$((count + 1))
    done
  done
  echo "generate.sh: ${speaker} done (${count} clips)" >&2
done

{
  echo "path,emotion,speaker,gender,voice,sentence,snr_db,noise,lead_s,trail_s,espeak_pitch,espeak_range,espeak_rate,espeak_amp"
  sort "$ROWS"
} >"$OUT/manifest.csv"

echo "generate.sh: wrote ${count} clips and manifest.csv to ${OUT}" >&2
