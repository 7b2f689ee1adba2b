import Foundation
import SERAudio
import SERCells
import SERDSP
import SERSettings
import Testing

/// Inputs real corpora contain: digital silence, clips shorter than a frame, one sample, unusual
/// rates and channel counts, NaN and infinity. Each gives features or a one-line error, never a trap.
@Suite("Awkward audio through the whole chain")
struct AwkwardAudioTests {
    private func settings(_ overrides: [String] = []) throws -> Settings {
        try Settings.resolve(overrides: overrides).value
    }

    private func analyze(
        _ samples: [Float], channels: Int = 1, rate: Int, format: AudioFileFormat = .wav16,
        overrides: [String] = [], processing: Bool = true
    ) throws -> Result<ClipAnalysis, ClipError> {
        let dir = try CorpusFixture(emotions: [], badFiles: false)
        let path = dir.path("clip.wav")
        try AudioFile.write(samples, channelCount: channels, sampleRate: rate, format: format, to: path)
        var analyzer = try settings(overrides).clipAnalyzer(processing: processing)
        return Result { () throws(ClipError) in try analyzer.analyze(path: path) }
    }

    private func expectFinite(_ analysis: ClipAnalysis) {
        let samplesFinite = analysis.processed.samples.allSatisfy { $0.isFinite }
        let summaryFinite = analysis.features.summary.allSatisfy { $0.isFinite }
        // F0, HNR, jitter and shimmer are NaN on unvoiced frames by definition (librosa.pyin's fill_na);
        // nothing else may be.
        let framesFinite = analysis.features.frames.allSatisfy {
            FeatureKind(rawValue: $0.name)?.isVoicedOnly == true || $0.rows.joined().allSatisfy { $0.isFinite }
        }
        #expect(samplesFinite)
        #expect(summaryFinite)
        #expect(framesFinite)
    }

    @Test("digital silence: trim keeps it whole, noise reduction gives zeros (not NaN as noisereduce)")
    func silence() throws {
        let analysis = try analyze([Float](repeating: 0, count: 48000), rate: 16000).get()
        #expect(analysis.processed.stages.trim == 0..<66150)
        #expect(analysis.processed.samples.allSatisfy { $0 == 0 })
        expectFinite(analysis)
    }

    @Test("a clip shorter than one frame is padded to 3 s (fix_length on) or extracted as it is (auto, extended)")
    func shorterThanAFrame() throws {
        let tone = (0..<300).map { Float(0.5 * sin(Double($0) * 0.3)) }
        let analysis = try analyze(tone, rate: 22050, overrides: ["process.fix_length.enabled=on"]).get()
        #expect(analysis.processed.samples.count == 66150)
        #expect(analysis.features.frameCount == 130)
        expectFinite(analysis)
        let unpadded = try analyze(tone, rate: 22050).get()
        #expect(unpadded.processed.samples.count == 300)
        #expect(unpadded.features.frameCount == 1)
        expectFinite(unpadded)
        let raw = try analyze(tone, rate: 22050, processing: false).get()
        #expect(raw.features.frameCount == 1)
    }

    @Test(
        "float samples near 1e30 without normalisation: an error naming the step or the feature, never an all-zero clip or infinite features"
    )
    func hugeSamples() throws {
        let huge = (0..<32000).map { Float(1e30 * sin(Double($0) * 0.05)) }
        let trimmed = try analyze(
            huge, rate: 16000, format: .wavFloat, overrides: ["process.normalize.enabled=false"])
        guard case .failure(let trimError) = trimmed else {
            Issue.record("features of a clip trimmed to nothing")
            return
        }
        #expect(trimError.reason.hasPrefix("nothing left after trimming"), "\(trimError.reason)")
        let untrimmed = try analyze(
            huge, rate: 16000, format: .wavFloat,
            overrides: ["process.normalize.enabled=false", "process.trim.enabled=false"])
        guard case .failure(let featureError) = untrimmed else {
            Issue.record("infinite features accepted")
            return
        }
        #expect(featureError.reason.hasPrefix("feature rms_mean_0 is inf"), "\(featureError.reason)")
        // Normalised first (the default), the same samples are an ordinary clip.
        expectFinite(try analyze(huge, rate: 16000, format: .wavFloat).get())
    }

    @Test("a one-sample file loads and gives one frame")
    func oneSample() throws {
        let raw = try analyze([0.25], rate: 16000, processing: false).get()
        #expect(raw.processed.samples.count == 2)  // ceil(1 * 22050 / 16000)
        #expect(raw.features.frameCount == 1)
        expectFinite(raw)
        expectFinite(try analyze([0.25], rate: 16000).get())
    }

    @Test("96 kHz and 8 kHz inputs resample to 22050 Hz", arguments: [(96000, 288000), (8000, 24000)])
    func unusualRates(rate: Int, count: Int) throws {
        let tone = (0..<count).map { Float(0.3 * sin(2 * Double.pi * 300 * Double($0) / Double(rate))) }
        let analysis = try analyze(tone, rate: rate, processing: false).get()
        #expect(analysis.processed.sampleRate == 22050)
        #expect(analysis.processed.samples.count == 66150)
        expectFinite(analysis)
    }

    @Test("at an 8 kHz native rate spectral contrast's top octave is above Nyquist: a clear error")
    func nativeEightKilohertz() throws {
        let tone = (0..<8000).map { Float(0.3 * sin(Double($0) * 0.2)) }
        let result = try analyze(tone, rate: 8000, overrides: ["sample_rate=0"])
        guard case .failure(let error) = result else {
            Issue.record("expected an error for 8 kHz native")
            return
        }
        #expect(error.description.contains("clip.wav"))
        #expect(error.description.contains("8000 Hz"))
        #expect(!error.description.contains("\n"))
    }

    @Test("a 6-channel file is mixed to the mean of its channels")
    func sixChannels() throws {
        let frames = 22050
        var interleaved: [Float] = []
        for i in 0..<frames {
            for channel in 0..<6 { interleaved.append(channel == 0 ? Float(0.6 * sin(Double(i) * 0.05)) : 0) }
        }
        let analysis = try analyze(interleaved, channels: 6, rate: 22050, format: .wavFloat, processing: false).get()
        #expect(analysis.processed.stages.sourceChannelCount == 6)
        let expected = (0..<frames).map { Float(0.6 * sin(Double($0) * 0.05)) / 6 }
        let worst = zip(analysis.processed.samples, expected).map { abs($0 - $1) }.max() ?? 1
        #expect(worst < 1e-6)
    }

    @Test("NaN and infinity are an error naming the file", arguments: [Float.nan, .infinity])
    func nonFinite(value: Float) throws {
        let result = try analyze([0.1, value, 0.2], rate: 16000, format: .wavFloat)
        guard case .failure(let error) = result else {
            Issue.record("expected an error for \(value)")
            return
        }
        #expect(error.description.hasSuffix("clip.wav: sample 1 is \(value)"))
    }
}
