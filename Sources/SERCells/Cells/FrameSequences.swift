import Foundation
package import SERDSP

/// One clip's frame vectors, what the deep models learn from: every row of every active descriptor at each
/// frame, time-major (`frames × width` float32 values), NaN where a descriptor is undefined (F0 in an
/// unvoiced frame, a formant not found). Stored as base64 of little-endian float32s.
package struct FrameSequence: Codable, Sendable, Equatable {
    package var path: String
    package var values: [Float]

    init(path: String, values: [Float]) {
        self.path = path
        self.values = values
    }

    /// `rows` (`width` descriptor rows of `frames` values each, as ``SERDSP/ClipFeatures/frames`` holds them)
    /// time-major.
    package static func frames(_ rows: [[Double]]) -> [Float] {
        let width = rows.count
        let frames = rows.first?.count ?? 0
        var values = [Float](repeating: 0, count: width * frames)
        for (d, row) in rows.enumerated() {
            for t in 0..<min(frames, row.count) { values[t * width + d] = Float(row[t]) }
        }
        return values
    }

    private enum CodingKeys: String, CodingKey {
        case path
        case values = "values_f32le"
    }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        path = try container.decode(String.self, forKey: .path)
        guard let bytes = Data(base64Encoded: try container.decode(String.self, forKey: .values)),
            let values = SampleCoding.samples(bytes)
        else {
            throw DecodingError.dataCorruptedError(
                forKey: .values, in: container, debugDescription: "not base64 of whole float32s")
        }
        self.values = values
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(path, forKey: .path)
        try container.encode(SampleCoding.data(values).base64EncodedString(), forKey: .values)
    }
}

/// The extract cell's frame vectors of every clip, for the deep models; empty (no names, no clips) when no
/// model in `train.models` learns from frames.
package struct FrameSequencesRecord: Codable, Sendable, Equatable {
    /// The name of each dimension of a frame vector (`mfcc_3`, `f0_0`), in vector order.
    package var names: [String]
    package var clips: [FrameSequence]

    package var width: Int { names.count }

    /// The frame vector's dimension names for a feature setting: each active descriptor's rows in turn.
    package static func names(_ features: FeatureParameters) -> [String] {
        FeatureNames.groups(features).flatMap { group in (0..<group.rows).map { "\(group.name)_\($0)" } }
    }
}
