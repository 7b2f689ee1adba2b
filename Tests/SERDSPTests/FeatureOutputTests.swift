import Foundation
import SERDSP
import Testing

@Suite("Feature parameters, matrices, JSON and functionals")
struct FeatureOutputTests {
    @Test("defaults are librosa's and encode under librosa's names, grouped as serreport.yml groups them")
    func parameters() throws {
        let defaults = FeatureParameters()
        let counts: [Int] = [
            defaults.nFFT, defaults.hopLength, defaults.nMFCC, defaults.nMels, defaults.nChroma, defaults.nBands,
        ]
        #expect(counts == [2048, 512, 20, 128, 12, 6])
        #expect(defaults.fmin == 200)
        let json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(defaults)) as? NSDictionary
        #expect(
            json
                == [
                    "set": "extended",
                    "groups": [
                        "rms", "zcr", "mfcc", "chroma", "contrast", "mfcc_delta", "spectral_shape", "spectral_balance",
                        "pitch", "voice_quality", "loudness",
                    ],
                    "functionals": [
                        "mean", "std", "p20", "p50", "p80", "range_20_80", "slope", "skewness", "kurtosis",
                    ],
                    "n_fft": 2048, "hop_length": 512, "mfcc": ["n_mfcc": 20, "n_mels": 128], "chroma": ["n_chroma": 12],
                    "contrast": ["n_bands": 6, "fmin": 200],
                ] as NSDictionary)
    }

    /// `features.set: seed`: the notebook's five descriptors, mean and std.
    static let seed = changed { $0.featureSet = .seed }

    /// The defaults with one change.
    static func changed(_ change: (inout FeatureParameters) -> Void) -> FeatureParameters {
        var parameters = FeatureParameters()
        change(&parameters)
        return parameters
    }

    @Test(
        "invalid parameters are refused with a sentence naming the parameter",
        arguments: [
            (changed { _ in }, 0, "sample_rate"), (changed { $0.nFFT = 1025 }, 22050, "n_fft"),
            (changed { $0.hopLength = 0 }, 22050, "hop_length"), (changed { $0.nMFCC = 0 }, 22050, "mfcc.n_mfcc"),
            (
                changed {
                    $0.nMFCC = 40
                    $0.nMels = 32
                }, 22050, "mfcc.n_mfcc"
            ),
            (changed { $0.nMels = 0 }, 22050, "mfcc.n_mfcc"), (changed { $0.nMels = 600 }, 22050, "mfcc.n_mels"),
            (changed { $0.nChroma = 0 }, 22050, "chroma.n_chroma"),
            (changed { $0.nBands = 0 }, 22050, "contrast.n_bands"), (changed { $0.fmin = 0 }, 22050, "contrast.fmin"),
            (changed { _ in }, 8000, "fmin"), (changed { $0.nBands = 7 }, 22050, "fmin"),
        ])
    func invalidParameters(parameters: FeatureParameters, sampleRate: Int, name: String) {
        let error = #expect(throws: DSPError.self) {
            try FrameFeatureExtractor(parameters: parameters, sampleRate: sampleRate)
        }
        #expect(error?.code == .invalidParameter)
        #expect(error?.description.hasPrefix(name) == true)
        #expect(throws: DSPError.self) { try parameters.validate(sampleRate: sampleRate) }
    }

    @Test("frame features encode as {name: [[row], ...]} in reference order and decode back")
    func json() throws {
        let features = try FrameFeatureExtractor(parameters: Self.seed, sampleRate: 22050).extract(
            (0..<3000).map { Float(sin(Double($0) * 0.05)) })
        let data = try JSONEncoder().encode(features)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: [[Double]]])
        #expect(Set(object.keys) == ["rms", "zcr", "mfcc", "chroma", "contrast"])
        #expect(object["mfcc"]?.count == 20)
        #expect(object["chroma"]?.count == 12)
        #expect(object["contrast"]?.count == 7)
        #expect(object["rms"]?.first?.count == 6)
        #expect(object["zcr"]?.first == features[.zcr]?.rows.first)
        let decoded = try JSONDecoder().decode(FrameFeatures.self, from: data)
        // The tuning is metadata, not part of the frames object: it does not round-trip.
        #expect(features.chromaTuning != nil)
        #expect(decoded == FrameFeatures(features.entries))
        #expect(decoded.chromaTuning == nil)
        #expect(decoded.entries.map(\.kind) == FeatureKind.seed)
    }

    @Test("ragged rows are a decoding error, not a trap")
    func raggedRows() {
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(FeatureMatrix.self, from: Data("[[1, 2], [3]]".utf8))
        }
    }

    @Test("functionals: mean then std (ddof=0) per row, named like the reference")
    func functionals() {
        let features = FrameFeatures([
            .init(kind: .zcr, matrix: FeatureMatrix(row: [0, 0.5, 1, 0.5])),
            .init(kind: .rms, matrix: FeatureMatrix(row: [1, 2, 3, 4])),
            .init(kind: .mfcc, matrix: FeatureMatrix(rowCount: 2, frameCount: 4, values: [1, 1, 1, 1, -2, 2, -2, 2])),
        ])
        let summary = Functionals(features)
        #expect(
            summary.names == [
                "rms_mean_0", "rms_std_0", "zcr_mean_0", "zcr_std_0",
                "mfcc_mean_0", "mfcc_mean_1", "mfcc_std_0", "mfcc_std_1",
            ])
        #expect(summary.values == [2.5, 1.25.squareRoot(), 0.5, 0.125.squareRoot(), 1, 0, 0, 2])
        #expect(summary["mfcc_std_1"] == 2)
    }

    @Test(
        "every signal length from 0 through 2049 extracts all five features without a trap",
        arguments: [0, 1, 2, 511, 512, 513, 1023, 1024, 1025, 2047, 2048, 2049])
    func anyLength(length: Int) throws {
        let extractor = try FrameFeatureExtractor(parameters: Self.seed, sampleRate: 22050)
        let y = (0..<length).map { Float(sin(Double($0) * 0.1)) }
        let features = extractor.extract(y)
        #expect(features.frameCount == 1 + length / 512)
        #expect(features.entries.allSatisfy { $0.matrix.values.allSatisfy(\.isFinite) })
        #expect(Functionals(features).values.count == 82)

        // The extended set with every group (the default ones and those off by default): every descriptor but
        // the voiced-only ones (NaN where unvoiced) finite in every frame, and every summary value finite,
        // named as the setting's names say.
        var extended = FeatureParameters()
        extended.groups = FeatureGroup.allCases
        let all = try FrameFeatureExtractor(parameters: extended, sampleRate: 22050).extract(y)
        #expect(all.entries.map(\.kind) == FeatureKind.allCases)
        #expect(all.frameCount == 1 + length / 512)
        #expect(all.entries.allSatisfy { $0.kind.isVoicedOnly || $0.matrix.values.allSatisfy(\.isFinite) })
        let summary = Functionals(all, parameters: extended, secondsPerFrame: 512 / 22050)
        #expect(summary.names == Functionals.names(extended))
        #expect(summary.values.count == summary.names.count)
        let nonFinite = zip(summary.names, summary.values).filter { !$0.1.isFinite }.map(\.0)
        #expect(nonFinite.isEmpty, "not finite: \(nonFinite)")
    }
}
