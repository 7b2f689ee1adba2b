import Glibc

extension SpectralContrast {
    /// The octave bands of `librosa.feature.spectral_contrast`: edges `octa = [0, fmin, 2 fmin, …,
    /// fmin * 2**n_bands]` Hz, band `k` holding the bins with `octa[k] <= f <= octa[k+1]`
    /// (`f = k * sr / n_fft`, as `np.fft.rfftfreq`), then adjusted as librosa adjusts it (see
    /// ``Band/bins``).
    ///
    /// At 22050 Hz with the defaults the ranked bins are 0..17, 18..36, 37..73, 74..147, 148..296,
    /// 297..593 and 594..1024 with `q` = 1, 1, 1, 2, 3, 6, 9.
    static func bands(
        sampleRate: Double, nFFT: Int, bandCount: Int, minimumHz: Double, quantile: Double
    ) throws(DSPError) -> [Band] {
        guard bandCount >= 1 else { throw invalid("n_bands must be a positive integer, got \(bandCount)") }
        guard minimumHz > 0, minimumHz.isFinite else {
            throw invalid("fmin must be a positive number, got \(minimumHz)")
        }
        guard quantile > 0, quantile < 1 else { throw invalid("quantile must lie in (0, 1), got \(quantile)") }
        guard sampleRate > 0, sampleRate.isFinite, nFFT >= 2, nFFT % 2 == 0 else {
            throw invalid(
                "spectral contrast needs a positive sample rate and an even n_fft, got \(sampleRate), \(nFFT)")
        }
        let nyquist = 0.5 * sampleRate
        // octa[1:] = fmin * 2.0 ** arange(n_bands + 1); librosa refuses any of octa[:-1] >= sr / 2.
        var edges = [0.0]
        for k in 0...bandCount {
            let edge = minimumHz * pow(2.0, Double(k))
            if k < bandCount && edge >= nyquist {
                throw invalid(
                    "fmin \(plain(minimumHz)) Hz with n_bands \(bandCount) puts a spectral contrast band edge at "
                        + "\(plain(edge)) Hz, at or above the Nyquist frequency \(plain(nyquist)) Hz of sample_rate "
                        + "\(plain(sampleRate)) (librosa: \"Frequency band exceeds Nyquist\"); lower fmin or n_bands")
            }
            edges.append(edge)
        }
        let binCount = nFFT / 2 + 1
        let spacing = 1.0 / (Double(nFFT) * (1.0 / sampleRate))
        var bands: [Band] = []
        for k in 0...bandCount {
            var first = firstBin(atOrAbove: edges[k], spacing: spacing, binCount: binCount)
            var last = lastBin(atOrBelow: edges[k + 1], spacing: spacing, binCount: binCount)
            guard first <= last else {
                throw invalid(
                    "fmin \(plain(minimumHz)) Hz is too low for n_fft \(nFFT) at sample_rate \(plain(sampleRate)): "
                        + "spectral contrast band \(k) (\(plain(edges[k]))...\(plain(edges[k + 1])) Hz) "
                        + "holds no frequency bin")
            }
            if k > 0 { first -= 1 }
            if k == bandCount { last = binCount - 1 }
            let count = last - first + 1
            let ranked = k < bandCount ? first..<last : first..<(last + 1)
            guard !ranked.isEmpty else {
                throw invalid(
                    "fmin \(plain(minimumHz)) Hz is too low for n_fft \(nFFT) at sample_rate \(plain(sampleRate)): "
                        + "spectral contrast band \(k) has a single bin and nothing to rank")
            }
            let extremes = max(1, Int((quantile * Double(count)).rounded(.toNearestOrEven)))
            bands.append(Band(bins: ranked, extremeCount: extremes))
        }
        return bands
    }

    /// The lowest bin `j` with `j * spacing >= hz` (`binCount` if none).
    private static func firstBin(atOrAbove hz: Double, spacing: Double, binCount: Int) -> Int {
        var j = min(max(Int((hz / spacing).rounded(.down)) - 1, 0), binCount)
        while j < binCount && Double(j) * spacing < hz { j += 1 }
        while j > 0 && Double(j - 1) * spacing >= hz { j -= 1 }
        return j
    }

    /// The highest bin `j` with `j * spacing <= hz` (`-1` if none).
    private static func lastBin(atOrBelow hz: Double, spacing: Double, binCount: Int) -> Int {
        var j = min(max(Int((min(hz / spacing, Double(binCount))).rounded(.down)) + 1, -1), binCount - 1)
        while j >= 0 && Double(j) * spacing > hz { j -= 1 }
        while j + 1 < binCount && Double(j + 1) * spacing <= hz { j += 1 }
        return j
    }

    private static func invalid(_ reason: String) -> DSPError { DSPError(.invalidParameter, reason: reason) }

    /// `8000` rather than `8000.0` in messages; other values as Swift prints them.
    private static func plain(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
