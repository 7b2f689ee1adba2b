#!/usr/bin/env bash
# Side-by-side speed benchmark: serreport and the Python seed (librosa 0.11.0, noisereduce 3.0.3,
# pydub 0.25.1) on the same clips, in one run, on one core, then the whole command on all cores.
# Prints ms of CPU per second of audio for each stage and the ratio (Python / serreport).
#
# Usage (from the repository root, ../shared beside it; needs espeak-ng and the reference env):
#   bash Benchmarks/run.sh            # results also written to .build-bench/results.json
set -euo pipefail
cd "$(dirname "$0")/.."
. ../shared/reference/setup-refenv.sh >/dev/null
work=.build-bench
audio=$work/audio
mkdir -p "$work"
if [[ ! -f $audio/clip3_16000_19.wav ]]; then
  scripts/install-deps.sh test
  sh ../shared/reference/bench/make_audio.sh "$audio" >/dev/null
fi
cpu_flags=$(scripts/cpu-flags.sh)
# shellcheck disable=SC2086  # the flags are separate words
swift build -c release --product serreport --static-swift-stdlib $cpu_flags >/dev/null
# shellcheck disable=SC2086
swift build -c release --product serreport-bench $cpu_flags >/dev/null
bin=.build/release
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 NUMBA_NUM_THREADS=1

echo "reference stages (one core)..." >&2
taskset -c 0 "$REFENV/bin/python" Benchmarks/reference_stages.py --audio "$audio" > "$work/reference.json"
echo "serreport stages (one core)..." >&2
taskset -c 0 "$bin/serreport-bench" --audio "$audio" > "$work/serreport.json"

clips=("$audio"/clip3_22050_*.wav "$audio"/clip3_16000_*.wav)
cpu() { # median over 3 runs of a command's CPU seconds (user + sys, from getrusage), output discarded
  python3 - "$@" <<'PY'
import resource, statistics, subprocess, sys
times = []
for _ in range(3):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    times.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
print(statistics.median(times))
PY
}
wall() { # median over 3 runs of a command's wall seconds
  python3 - "$@" <<'PY'
import statistics, subprocess, sys, time
times = []
for _ in range(3):
    start = time.perf_counter()
    subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL)
    times.append(time.perf_counter() - start)
print(statistics.median(times))
PY
}
# The whole command with features.set seed: the same work as the Python seed.
echo "whole command..." >&2
raw_cpu=$(cpu taskset -c 0 "$bin/serreport" features --summary --json --raw --jobs 1 --set features.set=seed "${clips[@]}")
full_cpu=$(cpu taskset -c 0 "$bin/serreport" features --summary --json --jobs 1 --set features.set=seed "${clips[@]}")
full_wall_1=$(wall "$bin/serreport" features --summary --json --jobs 1 --set features.set=seed "${clips[@]}")
full_wall_all=$(wall "$bin/serreport" features --summary --json --set features.set=seed "${clips[@]}")

python3 - "$work" "$raw_cpu" "$full_cpu" "$full_wall_1" "$full_wall_all" "$(getconf _NPROCESSORS_ONLN)" <<'PY'
import json, sys
work, raw_cpu, full_cpu, wall1, wall_all, cores = sys.argv[1], *map(float, sys.argv[2:6]), int(sys.argv[6])
ref = json.load(open(f"{work}/reference.json"))
ours = json.load(open(f"{work}/serreport.json"))
rows = []
print(f"{'stage (ms CPU per audio second, one core)':44s} {'Python':>8s} {'serreport':>10s} {'ratio':>7s}")
for name in ("decode_resample", "decode_resample_clips", "five_features", "noise_reduction", "whole_chain"):
    p, s = ref["stages"][name], ours["stages"][name]
    rows.append({"stage": name, "python": p, "serreport": s, "ratio": p / s})
    print(f"{name:44s} {p:8.3f} {s:10.3f} {p / s:6.1f}x")
seconds = ref["command"]["audio_seconds"]
command = {
    "raw": {"python": ref["command"]["raw_clips"], "serreport": 1e3 * raw_cpu / seconds},
    "full": {"python": ref["command"]["full_clips"], "serreport": 1e3 * full_cpu / seconds},
}
n = ref["command"]["clips"]
print(f"\nserreport features --summary --json over {n} three-second clips, one process, one core:")
for name, label in (("raw", "--raw (load + five features)"), ("full", "full chain")):
    c = command[name]
    c["ratio"] = c["python"] / c["serreport"]
    print(f"  {label:32s} Python {c['python']:7.3f}  serreport {c['serreport']:6.3f} ms/audio-s  ratio {c['ratio']:5.1f}x")
speedup = wall1 / wall_all
print(f"\nall cores ({cores}): full chain wall {wall1:.3f} s with --jobs 1, {wall_all:.3f} s with all cores: {speedup:.2f}x")
json.dump({"stages": rows, "command": command, "cores": {"n": cores, "wall_1": wall1, "wall_all": wall_all,
           "speedup": speedup}}, open(f"{work}/results.json", "w"), indent=1)
PY
