import Glibc

/// The Slaney (Auditory Toolbox) mel scale, librosa's default (`htk=False`): linear below 1 kHz
/// (`f / (200/3)`), logarithmic above (`15 + ln(f / 1000) / (ln 6.4 / 27)`).
///
/// `librosa.hz_to_mel` / `librosa.mel_to_hz` / `librosa.mel_frequencies`, written with the same
/// operations in the same order so the float64 results agree with numpy's.
enum SlaneyMelScale {
    private static let linearStep = 200.0 / 3
    private static let minLogHz = 1000.0
    private static let minLogMel = (minLogHz - 0.0) / linearStep
    private static let logStep = log(6.4) / 27.0

    static func mel(fromHz frequency: Double) -> Double {
        frequency >= minLogHz
            ? minLogMel + log(frequency / minLogHz) / logStep
            : (frequency - 0.0) / linearStep
    }

    static func hz(fromMel mel: Double) -> Double {
        mel >= minLogMel
            ? minLogHz * exp(logStep * (mel - minLogMel))
            : 0.0 + linearStep * mel
    }

    /// `librosa.mel_frequencies(count, fmin=lower, fmax=upper)`: `count` frequencies equally
    /// spaced in mel (`np.linspace`, endpoint included), in Hz.
    static func frequencies(count: Int, lowerHz: Double, upperHz: Double) -> [Double] {
        let lower = mel(fromHz: lowerHz)
        let upper = mel(fromHz: upperHz)
        guard count > 1 else { return count == 1 ? [hz(fromMel: lower)] : [] }
        let step = (upper - lower) / Double(count - 1)
        return (0..<count).map { k in
            hz(fromMel: k == count - 1 ? upper : Double(k) * step + lower)
        }
    }
}
