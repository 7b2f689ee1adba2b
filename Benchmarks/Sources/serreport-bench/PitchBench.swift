// serreport-bench pitch: serreport's pYIN on a list of clips, for Benchmarks/pitch_parity.py.
//
//   serreport-bench pitch --list FILE
//
// FILE lists audio files, one path a line (pitch_parity.py writes them as float32 WAV at 22050 Hz, the
// samples librosa.load gave it, so only the pitch tracker differs). Prints one JSON line per clip with
// f0 (null where unvoiced) and voiced, then a last line with the CPU cost on this thread in ms per second
// of audio: the whole of pyin, its observations (YIN difference + thresholds) and its Viterbi decoding,
// each the fastest of 7 runs after a warm-up (the machines this runs on are shared; the fastest run is the
// one least slowed by other work on the same core).
import Foundation
import SERAudio
import SERDSP

func pitchBench(arguments: [String]) throws {
    guard let flag = arguments.firstIndex(of: "--list"), flag + 1 < arguments.count else {
        FileHandle.standardError.write(Data("usage: serreport-bench pitch --list FILE\n".utf8))
        exit(2)
    }
    let list = try String(contentsOfFile: arguments[flag + 1], encoding: .utf8)
    let paths = list.split(separator: "\n").map(String.init).filter { !$0.isEmpty }
    let clips = try paths.map { path in
        let audio = try AudioFile.read(path: path)
        return (samples: audio.monoMix(), rate: audio.sampleRate)
    }
    var trackers: [Int: ProbabilisticYIN] = [:]
    func tracker(_ rate: Int) throws -> ProbabilisticYIN {
        if let known = trackers[rate] { return known }
        let made = try ProbabilisticYIN(sampleRate: Double(rate))
        trackers[rate] = made
        return made
    }
    for (path, clip) in zip(paths, clips) {
        let track = try tracker(clip.rate)(clip.samples)
        let line: [String: Any] = [
            "path": path, "f0": track.f0.map { $0.isNaN ? NSNull() : $0 as Any }, "voiced": track.voiced,
        ]
        print(String(decoding: try JSONSerialization.data(withJSONObject: line), as: UTF8.self))
    }
    let seconds = clips.reduce(0) { $0 + Double($1.samples.count) / Double($1.rate) }
    let whole = try cpuFastest { for clip in clips { _ = try tracker(clip.rate)(clip.samples) } }
    var observations: [[PitchObservation]] = []
    let observing = try cpuFastest {
        observations = try clips.map { try tracker($0.rate).observations($0.samples) }
    }
    let decoding = try cpuFastest {
        for (clip, observed) in zip(clips, observations) { _ = try tracker(clip.rate).track(observed) }
    }
    let cost: [String: Any] = [
        "seconds_of_audio": seconds, "pyin_ms_per_s": 1e3 * whole / seconds,
        "observations_ms_per_s": 1e3 * observing / seconds, "viterbi_ms_per_s": 1e3 * decoding / seconds,
    ]
    print(
        String(
            decoding: try JSONSerialization.data(withJSONObject: ["cost": cost], options: [.sortedKeys]), as: UTF8.self)
    )
}

/// The smallest CPU seconds of `body` over 7 runs after one warm-up run.
func cpuFastest(_ body: () throws -> Void) rethrows -> Double {
    try body()
    var best = Double.infinity
    for _ in 0..<7 {
        let start = threadCPUSeconds()
        try body()
        best = min(best, threadCPUSeconds() - start)
    }
    return best
}
