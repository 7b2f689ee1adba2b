// serreport-bench: CPU cost of each stage of serreport's chain on the benchmark clips, one thread,
// in ms of CPU per second of audio. Run by Benchmarks/run.sh beside the Python reference.
// `serreport-bench pitch --list FILE` is the pitch tracker's parity and cost run (PitchBench.swift).
//
// Stages (the same clips and order as Benchmarks/reference_stages.py):
//   decode_resample  load speech60_16000.wav and speech60_44100.wav at 22050 Hz (mean of the two)
//   decode_resample_clips  the same for the 20 three-second clips at each of those rates
//   five_features    rms, zcr, mfcc, chroma, contrast on the 20 clip3_22050 clips
//   noise_reduction  the default (non-stationary) spectral gate on the same clips
//   whole_chain      load → trim → fix length (3 s) → noise reduction → five features, per clip
//   extract_default_groups  the extract cell's work with the default extended set (the five, delta MFCC,
//                    spectral shape and balance, loudness, pYIN pitch, HNR, jitter and shimmer) and every
//                    statistic, on the same clips (serreport only)
//   extract_all_groups  the same with every group, the formants and harmonic differences (off by
//                    default) too (issue 13's budget is 2 ms/s)
//   extract_without_pitch  the default groups without pYIN and what needs it (pitch, voice_quality)
//   pitch_only       pYIN alone on the same clips
//   formants_voiced_frames  LPC formants alone on the same clips' pYIN-voiced frames
import Foundation
import SERAudio
import SERCells
import SERDSP

func threadCPUSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
}

/// Median CPU seconds of `body` over `repetitions` runs after one warm-up run.
func cpuMedian(repetitions: Int = 5, _ body: () throws -> Void) rethrows -> Double {
    try body()
    var times: [Double] = []
    for _ in 0..<repetitions {
        let start = threadCPUSeconds()
        try body()
        times.append(threadCPUSeconds() - start)
    }
    return times.sorted()[times.count / 2]
}

func main() throws {
    let arguments = CommandLine.arguments
    if arguments.count > 1, arguments[1] == "pitch" {
        try pitchBench(arguments: arguments)
        return
    }
    if arguments.count > 1, arguments[1] == "gru" {
        try deepBench(arguments: arguments)
        return
    }
    guard let flag = arguments.firstIndex(of: "--audio"), flag + 1 < arguments.count else {
        FileHandle.standardError.write(Data("usage: serreport-bench --audio DIR\n".utf8))
        exit(2)
    }
    let audio = arguments[flag + 1]
    let clipPaths = (0..<20).map { String(format: "%@/clip3_22050_%02d.wav", audio, $0) }
    let clipSeconds = 3.0 * Double(clipPaths.count)
    let loader = AudioLoader(sampleRate: 22050, normalizer: nil)
    let clips = try clipPaths.map { try loader.load(path: $0).samples }

    var stages: [String: Double] = [:]
    let longFiles = ["speech60_16000.wav", "speech60_44100.wav"].map { "\(audio)/\($0)" }
    let loads = try longFiles.map { path in try cpuMedian { _ = try loader.load(path: path) } / 60 }
    stages["decode_resample"] = 1e3 * loads.reduce(0, +) / Double(loads.count)
    let clipLoads = try [16000, 44100].map { rate in
        let paths = (0..<20).map { String(format: "%@/clip3_%d_%02d.wav", audio, rate, $0) }
        return try cpuMedian { for path in paths { _ = try loader.load(path: path) } } / clipSeconds
    }
    stages["decode_resample_clips"] = 1e3 * clipLoads.reduce(0, +) / Double(clipLoads.count)

    var seed = FeatureParameters()
    seed.featureSet = .seed
    let extractor = try FrameFeatureExtractor(parameters: seed, sampleRate: 22050)
    stages["five_features"] = 1e3 * cpuMedian { for clip in clips { _ = extractor.extract(clip) } } / clipSeconds

    let reducer = try NoiseReducer()
    stages["noise_reduction"] =
        1e3 * (try cpuMedian { for clip in clips { _ = try reducer.reduceNoise(clip, sampleRate: 22050) } })
        / clipSeconds

    let defaults = try FeatureComputer(FeatureParameters(), sampleRate: 22050)
    stages["extract_default_groups"] =
        1e3 * cpuMedian { for clip in clips { _ = defaults(clip) } } / clipSeconds
    var allGroups = FeatureParameters()
    allGroups.groups = FeatureGroup.allCases
    let everything = try FeatureComputer(allGroups, sampleRate: 22050)
    stages["extract_all_groups"] =
        1e3 * cpuMedian { for clip in clips { _ = everything(clip) } } / clipSeconds
    var withoutPitch = FeatureParameters()
    withoutPitch.groups.removeAll { $0 == .pitch || $0 == .voiceQuality }
    let allButPitch = try FeatureComputer(withoutPitch, sampleRate: 22050)
    stages["extract_without_pitch"] = 1e3 * cpuMedian { for clip in clips { _ = allButPitch(clip) } } / clipSeconds
    // `BENCH_PROFILE_EXTRACT=all` (or any other value: the default groups without pitch) repeats one
    // extraction 200 times, for `perf record`.
    if let profiled = ProcessInfo.processInfo.environment["BENCH_PROFILE_EXTRACT"] {
        let computer = profiled == "all" ? everything : allButPitch
        for _ in 0..<200 { for clip in clips { _ = computer(clip) } }
    }
    let pitch = try ProbabilisticYIN(sampleRate: 22050)
    stages["pitch_only"] = 1e3 * cpuMedian { for clip in clips { _ = pitch(clip) } } / clipSeconds
    let formants = try Formants(sampleRate: 22050, geometry: FeatureParameters().geometry)
    let voicing = clips.map { pitch($0).voiced }
    stages["formants_voiced_frames"] =
        1e3 * cpuMedian { for (clip, voiced) in zip(clips, voicing) { _ = formants(clip, voiced: voiced) } }
        / clipSeconds

    var settings = Settings()
    settings.features.featureSet = .seed
    settings.process.normalize.enabled = false
    var analyzer = settings.clipAnalyzer()
    stages["whole_chain"] =
        1e3 * (try cpuMedian { for path in clipPaths { _ = try analyzer.analyze(path: path) } }) / clipSeconds

    let json = try JSONSerialization.data(withJSONObject: ["stages": stages], options: [.sortedKeys])
    print(String(decoding: json, as: UTF8.self))
}

try main()
