/// Sample-rate conversion as `librosa.resample(y, orig_sr, target_sr, res_type="soxr_hq")` does it:
/// libsoxr HQ on float32, then `fix_length` to exactly `ceil(n * target / orig)` samples.
///
/// Keeps one libsoxr resampler per rate pair (its filter design is the costly part) and reuses it
/// for every clip. Not Sendable: one per task.
package final class Resampler {
    private var streams: [RatePair: SoxrStream] = [:]

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
            if let existing = streams[pair] {
                stream = existing
            } else {
                stream = try SoxrStream(from: inputRate, to: outputRate)
                streams[pair] = stream
            }
            return try stream.resample(samples, length: length)
        } catch {
            throw AudioError(.resampling, path: path, reason: "libsoxr: \(error.message)")
        }
    }
}
