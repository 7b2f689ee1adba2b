/// Sample-rate conversion as `librosa.resample(y, orig_sr, target_sr, res_type="soxr_hq")` does it:
/// libsoxr HQ on float32, then `fix_length` to exactly `ceil(n * target / orig)` samples.
public enum Resampler {
    /// The output length librosa asks for: `int(np.ceil(n * (float(target) / orig)))`.
    public static func outputLength(inputLength: Int, from inputRate: Int, to outputRate: Int) -> Int {
        let ratio = Double(outputRate) / Double(inputRate)
        return Int((Double(inputLength) * ratio).rounded(.up))
    }

    /// Resamples mono audio; returns the input unchanged when the rates are equal.
    ///
    /// - Parameter path: the file the audio came from, only for the error message.
    public static func resample(
        _ samples: [Float], from inputRate: Int, to outputRate: Int, path: String
    ) throws(AudioError) -> [Float] {
        guard inputRate != outputRate else { return samples }
        guard inputRate > 0, outputRate > 0 else {
            throw AudioError(.resampling, path: path, reason: "cannot resample \(inputRate) Hz to \(outputRate) Hz")
        }
        let length = outputLength(inputLength: samples.count, from: inputRate, to: outputRate)
        // A little headroom so that libsoxr's own count never truncates before `fix_length` does.
        let result = Soxr.resampleHQ(samples, from: Double(inputRate), to: Double(outputRate), capacity: length + 64)
        switch result {
        case .failure(let failure):
            throw AudioError(.resampling, path: path, reason: "libsoxr: \(failure.message)")
        case .success(let output):
            return FixedLength.apply(output, length: length)
        }
    }
}
