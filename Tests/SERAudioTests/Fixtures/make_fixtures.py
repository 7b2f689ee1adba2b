#!/usr/bin/env python3
"""Regenerates the noisereduce golden files in this folder (see README.md).

  . ../shared/reference/setup-refenv.sh          # from the repository root
  "$REFENV"/bin/python Tests/SERAudioTests/Fixtures/make_fixtures.py

Inputs are 16-bit FLAC (read by libsndfile as s/32768, exactly what soundfile gives numpy);
outputs are float32 WAV, exactly what noisereduce returned.
"""
import os
import shutil
import sys

import noisereduce as nr
import numpy as np
import soundfile as sf

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
REFERENCE = os.path.abspath(os.path.join(ROOT, "..", "shared", "reference", "testdata"))

LONG_LENGTH = 650_000                 # > chunk_size=600000: two chunks
LONG_WINDOW = (590_000, 610_000)      # the stored part of the long outputs, around the chunk boundary
SMALL_PREFIX = 20_000                 # the small-chunk case uses fox[:20000] ...
SMALL_CHUNKS = dict(chunk_size=6_000, padding=300)   # ... in 6000-sample chunks with 300 padding


def read(name):
    y, sr = sf.read(os.path.join(HERE, name), dtype="float32")
    return y, sr


def write(name, y, sr):
    assert y.dtype == np.float32
    sf.write(os.path.join(HERE, name), y, sr, subtype="FLOAT")
    print(f"  {name}: {len(y)} samples @ {sr} Hz, peak {np.max(np.abs(y)):.6g}")


def main():
    # Inputs, as 16-bit FLAC.
    fox, sr = sf.read(os.path.join(REFERENCE, "fox.wav"), dtype="int16")
    sf.write(os.path.join(HERE, "fox.flac"), fox, sr, subtype="PCM_16")
    shutil.copyfile(os.path.join(ROOT, "Samples", "clips", "f1", "angry_s1.flac"),
                    os.path.join(HERE, "angry_16k.flac"))
    shutil.copyfile(os.path.join(REFERENCE, "fox_full_y.wav"), os.path.join(HERE, "fox_full_y.wav"))

    y, sr = read("fox.flac")
    assert sr == 22050
    write("fox_nonstationary.wav", nr.reduce_noise(y=y, sr=sr), sr)
    write("fox_stationary.wav", nr.reduce_noise(y=y, sr=sr, stationary=True), sr)

    y16, sr16 = read("angry_16k.flac")
    assert sr16 == 16000
    write("angry_16k_nonstationary.wav", nr.reduce_noise(y=y16, sr=sr16), sr16)
    write("angry_16k_stationary.wav", nr.reduce_noise(y=y16, sr=sr16, stationary=True), sr16)

    long = np.resize(y, LONG_LENGTH)   # fox tiled: long[i] = fox[i % len(fox)]
    a, b = LONG_WINDOW
    write("long_nonstationary_window.wav", nr.reduce_noise(y=long, sr=sr)[a:b], sr)
    write("long_stationary_window.wav", nr.reduce_noise(y=long, sr=sr, stationary=True)[a:b], sr)

    small = y[:SMALL_PREFIX]
    write("fox_small_chunks.wav", nr.reduce_noise(y=small, sr=sr, **SMALL_CHUNKS), sr)

    # Shorter than one frame: 100 samples of speech, and one sample. (The stationary gate raises
    # for signals of <= 768 samples: scipy shrinks the noise STFT's nperseg to the signal length,
    # below noverlap.)
    write("short_nonstationary.wav", nr.reduce_noise(y=y[20_000:20_100], sr=sr), sr)
    write("one_nonstationary.wav", nr.reduce_noise(y=np.array([0.25], dtype=np.float32), sr=sr), sr)
    # 800 samples: the stationary gate's noise STFT runs with nperseg=800, hop 32.
    write("short_800_stationary.wav", nr.reduce_noise(y=y[40_000:40_800], sr=sr, stationary=True), sr)

    import librosa, scipy
    print(f"noisereduce {nr.__version__ if hasattr(nr, '__version__') else '3.0.3'}, "
          f"librosa {librosa.__version__}, scipy {scipy.__version__}, numpy {np.__version__}, "
          f"python {sys.version.split()[0]}")


if __name__ == "__main__":
    main()
