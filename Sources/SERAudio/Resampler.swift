/// Sample-rate conversion as `librosa.resample(y, orig_sr, target_sr, res_type="soxr_hq")` does it:
/// libsoxr HQ on float32, then `fix_length` to exactly `ceil(n * target / orig)` samples.
///
/// Keeps one libsoxr resampler per rate pair (its filter design is the costly part) and reuses it
/// for every clip, for the ``keptRatePairs`` pairs used last: a corpus has a rate or two, and a
/// folder of files each at its own rate must not hold a filter per file. Not Sendable: one per task.
package final class Resampler {
    /// Rate pairs whose resampler is kept, the most recently used last.
    private var streams: [(pair: RatePair, stream: SoxrStream)] = []
    /// How many resamplers are kept: more rates than a corpus mixes, a few hundred kilobytes at most.
    static let keptRatePairs = 4

    private struct RatePair: Hashable {
        let input: Int
        let output: Int
    }

    package init() {}

    /// The output length librosa asks for: `int(np.ceil(n * (float(target) / orig)))`.
    package static func outputLength(inputLength: Int, from inputRate: Int, to outputRate: Int) -> Int {
        let ratio = Double(outputRate) / Double(inputRate)
        return Int((Double(inputLength) * ratio).rounded(.up))
    }

    /// Resamples mono audio; returns the input unchanged when the rates are equal.
    ///
    /// - Parameter path: the file the audio came from, only for the error message.
    package func resample(
        _ samples: [Float], from inputRate: Int, to outputRate: Int, path: String
    ) throws(AudioError) -> [Float] {
        guard inputRate != outputRate else { return samples }
        guard inputRate > 0, outputRate > 0 else {
            throw AudioError(.resampling, path: path, reason: "cannot resample \(inputRate) Hz to \(outputRate) Hz")
        }
        let length = Self.outputLength(inputLength: samples.count, from: inputRate, to: outputRate)
        // A long clip at a low rate, resampled to a high one, is checked like a decoded file would be.
        guard length <= AudioLimits.maximumSamples else {
            throw AudioError(
                .beyondLimits, path: path,
                reason: "resampled to \(outputRate) Hz it would hold \(length) samples, more than the "
                    + "\(AudioLimits.maximumSamples) (1 GiB) serreport keeps of one clip; lower sample_rate")
        }
        do throws(SoxrFailure) {
            let pair = RatePair(input: inputRate, output: outputRate)
            let stream: SoxrStream
            if let index = streams.firstIndex(where: { $0.pair == pair }) {
                stream = streams.remove(at: index).stream
            } else {
                stream = try SoxrStream(from: inputRate, to: outputRate)
                if streams.count == Self.keptRatePairs { streams.removeFirst() }
            }
            streams.append((pair, stream))
            return try stream.resample(samples, length: length)
        } catch {
            throw AudioError(.resampling, path: path, reason: "libsoxr: \(error.message)")
        }
    }
}
