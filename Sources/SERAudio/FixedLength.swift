/// `librosa.util.fix_length(y, size=n)`: truncate the end, or zero-pad at the end (no centring).
package enum FixedLength {
    package static func apply(_ samples: [Float], length: Int) -> [Float] {
        if samples.count == length { return samples }
        if samples.count > length { return Array(samples[0..<length]) }
        return samples + [Float](repeating: 0, count: length - samples.count)
    }

    /// The sample count for a duration, as the seed computes it: `round(seconds * sr)`.
    package static func length(seconds: Double, sampleRate: Int) -> Int {
        Int((seconds * Double(sampleRate)).rounded(.toNearestOrEven))
    }
}
