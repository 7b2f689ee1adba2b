#!/usr/bin/env python3
"""The Python seed's per-stage CPU cost on the benchmark clips, for the side-by-side benchmark.

Single process, single thread (run with OMP/OPENBLAS/MKL/NUMBA_NUM_THREADS=1), CPU time from
time.process_time(), median of --reps repetitions after one warm-up call, as
../shared/reference/bench/bench_speed.py measures it. Prints one JSON object:
  {"stages": {name: ms CPU per second of audio}, "command": {...}}

Stages (same clips and order as serreport-bench):
  decode_resample  librosa.load(speech60_{16000,44100}.wav, sr=22050), mean of the two
  decode_resample_clips  the same for the 20 three-second clips at each of those rates
  five_features    rms, zcr, mfcc, chroma_stft, spectral_contrast on the 20 clip3_22050 clips
  noise_reduction  noisereduce.reduce_noise(y, sr) on the same clips
  whole_chain      load(22050) -> trim -> fix_length(3 s) -> reduce_noise -> five features
Command-level (one warm process over the 40 three-second clips clip3_22050_* and clip3_16000_*):
  raw_clips        librosa.load + five features
  full_clips       pydub normalize -> load -> trim -> fix_length(3 s) -> reduce_noise -> five features
"""
import argparse
import glob
import io
import json
import statistics
import time
import warnings

warnings.filterwarnings("ignore")


def cpu_median(fn, reps):
    fn()
    times = []
    for _ in range(reps):
        start = time.process_time()
        fn()
        times.append(time.process_time() - start)
    return statistics.median(times)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--audio", required=True)
    ap.add_argument("--reps", type=int, default=3)
    args = ap.parse_args()
    import librosa
    import noisereduce as nr
    from pydub import AudioSegment, effects

    def five(y, sr):
        return (librosa.feature.rms(y=y), librosa.feature.zero_crossing_rate(y),
                librosa.feature.mfcc(y=y, sr=sr), librosa.feature.chroma_stft(y=y, sr=sr),
                librosa.feature.spectral_contrast(y=y, sr=sr))

    clips22 = sorted(glob.glob(f"{args.audio}/clip3_22050_*.wav"))
    clips16 = sorted(glob.glob(f"{args.audio}/clip3_16000_*.wav"))
    ys = [librosa.load(c, sr=None)[0] for c in clips22]
    seconds22 = 3.0 * len(clips22)
    stages = {}
    loads = []
    for rate in (16000, 44100):
        path = f"{args.audio}/speech60_{rate}.wav"
        loads.append(cpu_median(lambda: librosa.load(path, sr=22050), args.reps) / 60.0)
    stages["decode_resample"] = 1e3 * statistics.mean(loads)
    clip_loads = []
    for rate in (16000, 44100):
        paths = sorted(glob.glob(f"{args.audio}/clip3_{rate}_*.wav"))
        clip_loads.append(cpu_median(lambda: [librosa.load(p, sr=22050) for p in paths], args.reps)
                          / (3.0 * len(paths)))
    stages["decode_resample_clips"] = 1e3 * statistics.mean(clip_loads)
    stages["five_features"] = 1e3 * cpu_median(lambda: [five(y, 22050) for y in ys], args.reps) / seconds22
    stages["noise_reduction"] = 1e3 * cpu_median(lambda: [nr.reduce_noise(y=y, sr=22050) for y in ys],
                                                 args.reps) / seconds22

    def chain(paths, normalize):
        out = []
        for c in paths:
            src = c
            if normalize:
                buf = io.BytesIO()
                effects.normalize(AudioSegment.from_wav(c), headroom=0.1).export(buf, format="wav")
                buf.seek(0)
                src = buf
            y, sr = librosa.load(src)
            y, _ = librosa.effects.trim(y)
            y = librosa.util.fix_length(y, size=int(round(3.0 * sr)))
            y = nr.reduce_noise(y=y, sr=sr)
            out.append(five(y, sr))
        return out

    stages["whole_chain"] = 1e3 * cpu_median(lambda: chain(clips22, False), args.reps) / seconds22
    both = clips22 + clips16
    seconds = 3.0 * len(both)
    command = {
        "clips": len(both),
        "audio_seconds": seconds,
        "raw_clips": 1e3 * cpu_median(lambda: [five(*librosa.load(c)) for c in both], args.reps) / seconds,
        "full_clips": 1e3 * cpu_median(lambda: chain(both, True), args.reps) / seconds,
    }
    print(json.dumps({"stages": stages, "command": command, "versions": {"librosa": librosa.__version__}}))


if __name__ == "__main__":
    main()
