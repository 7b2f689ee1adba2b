extension NoiseReducer {
    /// The arguments of `noisereduce.reduce_noise` (v3.0.3, `noisereduce/noisereduce.py:13-34`)
    /// that change its result, under the same names (in Swift case) and with the same defaults.
    ///
    /// Left out: `y_noise` (the stationary gate always learns its noise from the signal itself, the
    /// default), `tmp_folder`, `use_tqdm`, `n_jobs`, `use_torch` and `device`, which do not change
    /// the output.
    package struct Parameters: Sendable, Hashable {
        /// `stationary=False`: the non-stationary gate (time-smoothed noise floor and a sigmoid
        /// mask); `true` selects the stationary gate (one dB threshold per frequency).
        package var stationary: Bool
        /// `prop_decrease=1.0`: how much of the noise to remove (1 removes all of it).
        package var propDecrease: Double
        /// `time_constant_s=2.0`: the time constant, in seconds, of the non-stationary noise floor.
        package var timeConstantS: Double
        /// `freq_mask_smooth_hz=500`: the frequency span of the mask smoothing; `nil` means one
        /// bin on each side, as in noisereduce.
        package var freqMaskSmoothHz: Double?
        /// `time_mask_smooth_ms=50`: the time span of the mask smoothing; `nil` means one frame on
        /// each side. With both `nil` the mask is not smoothed.
        package var timeMaskSmoothMs: Double?
        /// `thresh_n_mult_nonstationary=2`: how far above the noise floor (in multiples of it) the
        /// sigmoid mask is centred. (The docstring says 1; the code's default is 2.)
        package var threshNMultNonstationary: Double
        /// `sigmoid_slope_nonstationary=10`: the slope of the sigmoid mask.
        package var sigmoidSlopeNonstationary: Double
        /// `n_std_thresh_stationary=1.5`: the stationary threshold, in standard deviations of the
        /// noise spectrum's dB values above their mean.
        package var nStdThreshStationary: Double
        /// `chunk_size=600000`: longer signals are filtered in chunks of this many samples.
        package var chunkSize: Int
        /// `padding=30000`: the samples (or zeros) added on each side of every chunk. (With less
        /// than half a window of padding and a signal shorter than a window, scipy would shrink
        /// the chunk's STFT window and then invert it with the full one; that case keeps the
        /// normal framing here.)
        package var padding: Int
        /// `n_fft=1024`: the FFT length.
        package var nFFT: Int
        /// `win_length=None`: the window length; `nil` means `nFFT`.
        package var winLength: Int?
        /// `hop_length=None`: the hop between frames; `nil` means `winLength / 4`.
        package var hopLength: Int?
        /// `clip_noise_stationary=True`: the stationary gate learns its noise from only the first
        /// `chunkSize` samples.
        package var clipNoiseStationary: Bool

        package init(
            stationary: Bool = false,
            propDecrease: Double = 1.0,
            timeConstantS: Double = 2.0,
            freqMaskSmoothHz: Double? = 500,
            timeMaskSmoothMs: Double? = 50,
            threshNMultNonstationary: Double = 2,
            sigmoidSlopeNonstationary: Double = 10,
            nStdThreshStationary: Double = 1.5,
            chunkSize: Int = 600_000,
            padding: Int = 30_000,
            nFFT: Int = 1024,
            winLength: Int? = nil,
            hopLength: Int? = nil,
            clipNoiseStationary: Bool = true
        ) {
            self.stationary = stationary
            self.propDecrease = propDecrease
            self.timeConstantS = timeConstantS
            self.freqMaskSmoothHz = freqMaskSmoothHz
            self.timeMaskSmoothMs = timeMaskSmoothMs
            self.threshNMultNonstationary = threshNMultNonstationary
            self.sigmoidSlopeNonstationary = sigmoidSlopeNonstationary
            self.nStdThreshStationary = nStdThreshStationary
            self.chunkSize = chunkSize
            self.padding = padding
            self.nFFT = nFFT
            self.winLength = winLength
            self.hopLength = hopLength
            self.clipNoiseStationary = clipNoiseStationary
        }

        /// The window length noisereduce uses: `win_length`, or `n_fft`.
        var effectiveWinLength: Int { winLength ?? nFFT }

        /// The hop noisereduce uses: `hop_length`, or `win_length // 4`.
        var effectiveHopLength: Int { hopLength ?? effectiveWinLength / 4 }

        /// Why noisereduce (or scipy) would reject these parameters at any sample rate, or `nil`.
        var problem: String? {
            let win = effectiveWinLength
            let hop = effectiveHopLength
            if win < 1 { return "win_length must be positive, got \(win)" }
            if nFFT < win { return "n_fft (\(nFFT)) must be at least win_length (\(win))" }
            if nFFT > 1 << 24 { return "n_fft must be at most \(1 << 24), got \(nFFT)" }
            if hop < 1 { return "hop_length must be positive, got \(hop)" }
            if chunkSize < 1 || chunkSize > 1 << 31 { return "chunk_size must be in 1...\(1 << 31), got \(chunkSize)" }
            if padding < 0 || padding > 1 << 31 { return "padding must be in 0...\(1 << 31), got \(padding)" }
            if !stationary && !(timeConstantS > 0 && timeConstantS.isFinite) {
                return "time_constant_s must be positive and finite, got \(timeConstantS)"
            }
            if !propDecrease.isFinite { return "prop_decrease must be finite, got \(propDecrease)" }
            return nil
        }
    }
}
