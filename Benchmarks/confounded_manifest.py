#!/usr/bin/env python3
"""Writes a confounded manifest: each speaker of a labelled corpus keeps one or two emotions.

    python3 Benchmarks/confounded_manifest.py ../shared/data/ravdess-actors-01-12/LABELS.csv out.csv

The input is a CSV with `path,emotion,speaker,gender` (more columns ignored; paths relative to its
folder), such as the shared corpora's LABELS.csv. With speakers in name order (index k) and emotions
in name order (E of them), speaker k keeps emotion k mod E, and the first half of the speakers also
emotion (k + E/2) mod E; every other clip is left out. With at least E speakers every emotion stays,
spoken by two or more speakers, while each speaker shows one or two: speech where who speaks says
much of how they feel (talk shows, call centres), the case speaker normalisation breaks. Paths are
written absolute, so the manifest works from anywhere and no audio is copied.
"""
import csv
import os
import sys


def main() -> None:
    if len(sys.argv) != 3:
        sys.exit("usage: confounded_manifest.py LABELS.csv OUT.csv")
    source, target = sys.argv[1], sys.argv[2]
    root = os.path.dirname(os.path.abspath(source))
    with open(source, newline="") as handle:
        rows = list(csv.DictReader(handle))
    speakers = sorted({row["speaker"] for row in rows})
    emotions = sorted({row["emotion"] for row in rows})
    count = len(emotions)
    kept_emotions = {}
    for k, speaker in enumerate(speakers):
        keep = {emotions[k % count]}
        if k < len(speakers) // 2:
            keep.add(emotions[(k + count // 2) % count])
        kept_emotions[speaker] = keep
    kept = [row for row in rows if row["emotion"] in kept_emotions[row["speaker"]]]
    missing = set(emotions) - {row["emotion"] for row in kept}
    if missing:
        sys.exit(f"too few speakers: {', '.join(sorted(missing))} would be left out")
    with open(target, "w", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["path", "emotion", "speaker", "gender"])
        for row in kept:
            writer.writerow([os.path.join(root, row["path"]), row["emotion"], row["speaker"], row["gender"]])
    for speaker in speakers:
        print(f"{speaker}: {', '.join(sorted(kept_emotions[speaker]))}", file=sys.stderr)
    print(f"{len(kept)} of {len(rows)} clips, {len(speakers)} speakers, {count} emotions -> {target}", file=sys.stderr)


if __name__ == "__main__":
    main()
