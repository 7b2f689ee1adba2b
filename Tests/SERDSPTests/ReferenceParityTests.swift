import SERDSP
import Testing

/// Per-frame features and summary against librosa 0.11.0 (`Fixtures/`, from `reference_features.py`).
@Suite("Parity with librosa on the golden fixtures")
struct ReferenceParityTests {
    /// Extracts the fixture's clip with default parameters.
    private func extract(_ wav: String) throws -> FrameFeatures {
        let clip = try ReferenceFixture.samples(wav: wav)
        let extractor = try FrameFeatureExtractor(parameters: FeatureParameters(sampleRate: clip.sampleRate))
        return extractor.extract(clip.samples)
    }

    @Test("the fixtures are librosa 0.11.0 at 22050 Hz", arguments: ReferenceFixture.all)
    func fixtureProvenance(fixture: (name: String, wav: String, json: String)) throws {
        let reference = try ReferenceFixture.load(json: fixture.json)
        #expect(reference.meta.versions["librosa"] == "0.11.0")
        #expect(try ReferenceFixture.samples(wav: fixture.wav).sampleRate == 22050)
    }

    @Test("frame counts match exactly", arguments: ReferenceFixture.all)
    func frameCounts(fixture: (name: String, wav: String, json: String)) throws {
        let reference = try ReferenceFixture.load(json: fixture.json)
        let ours = try extract(fixture.wav)
        #expect(ours.entries.map(\.kind) == [.rms, .zcr, .mfcc])
        #expect(ours.frameCount == reference.meta.nFrames)
        for entry in reference.frames.entries {
            let mine = try #require(ours[entry.kind])
            #expect(mine.rowCount == entry.matrix.rowCount, "\(entry.kind)")
            #expect(mine.frameCount == entry.matrix.frameCount, "\(entry.kind)")
        }
    }

    /// Measured: rms and zcr bit-exact; mfcc within 9.2e-5 (fox 6.1e-5 of 596, sweep 9.2e-5 of 480),
    /// i.e. float32 rounding (librosa's float32 einsum, SVML log10f and pocketfft DCT each round
    /// differently from the correctly rounded float64 path here).
    @Test(
        "rms and zcr are bit-exact, mfcc within float32 rounding",
        arguments: ReferenceFixture.all)
    func perFrame(fixture: (name: String, wav: String, json: String)) throws {
        let reference = try ReferenceFixture.load(json: fixture.json)
        let ours = try extract(fixture.wav)
        let tightness: [FeatureKind: Double] = [.rms: 0, .zcr: 0, .mfcc: 1e-6]
        for entry in reference.frames.entries {
            let mine = try #require(ours[entry.kind])
            let scale = entry.matrix.values.map(abs).max() ?? 0
            let error = maxAbsDifference(mine.values, entry.matrix.values)
            #expect(error <= 1e-3 * scale, "\(fixture.name) \(entry.kind): max abs error \(error), scale \(scale)")
            let bound = try #require(tightness[entry.kind])
            #expect(error <= bound * scale, "\(fixture.name) \(entry.kind): max abs error \(error), scale \(scale)")
        }
    }

    @Test("summary of rms, zcr and mfcc matches the reference seed", arguments: ReferenceFixture.all)
    func summary(fixture: (name: String, wav: String, json: String)) throws {
        let reference = try ReferenceFixture.load(json: fixture.json)
        let ours = Functionals(try extract(fixture.wav))
        let expected = reference.summaryValues(\.seed, prefixes: ["rms", "zcr", "mfcc"])
        #expect(ours.names.count == 2 * (1 + 1 + 20))
        #expect(Set(ours.names) == Set(expected.keys))
        for (name, value) in zip(ours.names, ours.values) {
            let target = try #require(expected[name])
            let error = abs(value - target)
            #expect(error <= max(1e-3 * abs(target), 1e-5), "\(fixture.name) \(name): \(value) vs \(target)")
        }
    }

    /// Given librosa's own frames, the summary is numpy's float64 `f64` bit for bit and within 1e-6
    /// relative of the float32 `seed` (measured: 7.7e-7 at worst, mfcc_mean_7).
    @Test("functionals of the reference frames reproduce f64 exactly and seed to 1e-6", arguments: ReferenceFixture.all)
    func functionalsOfReferenceFrames(fixture: (name: String, wav: String, json: String)) throws {
        let reference = try ReferenceFixture.load(json: fixture.json)
        let ours = Functionals(reference.frames)
        let f64 = reference.summaryValues(\.f64, prefixes: ["rms", "zcr", "mfcc"])
        let seed = reference.summaryValues(\.seed, prefixes: ["rms", "zcr", "mfcc"])
        #expect(ours.names.count == f64.count)
        for (name, value) in zip(ours.names, ours.values) {
            #expect(value == f64[name], "\(fixture.name) \(name)")
            let target = try #require(seed[name])
            #expect(abs(value - target) <= 1e-6 * abs(target), "\(fixture.name) \(name): \(value) vs seed \(target)")
        }
    }
}
