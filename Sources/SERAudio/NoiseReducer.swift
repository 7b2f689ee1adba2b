import SERDSP

/// Spectral-gating noise reduction: `noisereduce.reduce_noise(y=y, sr=sr)` (noisereduce 3.0.3,
/// scipy 1.17), by default the **non-stationary** gate, or the stationary one with
/// ``Parameters/stationary``.
///
/// For each chunk (signals longer than `chunk_size` = 600000 samples are cut into chunks, each
/// with `padding` = 30000 neighbouring samples or zeros on both sides; shorter ones are one chunk
/// with 30000 zeros on each side), in float64:
/// 1. `scipy.signal.stft`: periodic Hann window of `n_fft` = 1024, hop 256, 512 zeros at each end,
///    spectrum divided by the window's sum.
/// 2. The mask. Non-stationary: the noise floor `S` is a two-way exponential moving average of
///    `|Z|` over time (time constant 2 s, `filtfilt` with `lfilter_zi` seeding); the mask is
///    `1 / (1 + exp(−10 · ((|Z| − S)/S − 2)))`; it is then smoothed with a triangular 2-D kernel
///    (500 Hz × 50 ms: 23×9 bins × frames at 22050 Hz) and scaled by `prop_decrease`. Stationary: the
///    threshold per frequency is mean + 1.5 std of the signal's own dB spectrum (its first 600000
///    samples); the mask is `dB > threshold`, scaled, then smoothed.
/// 3. `scipy.signal.istft` of `Z · mask`, overlap-added with the window and divided by the
///    overlap-added window², and the chunk's own samples returned as float32.
///
/// The output has the input's length and matches noisereduce to float32 rounding: on the reference
/// fixtures (22050 and 16000 Hz, chunked, short) the float32 samples are identical, or differ by
/// at most 3e-16 of the peak.
///
/// **Deliberate differences**, both where noisereduce fails; any length works here, including 0:
/// - Where the non-stationary gate divides 0 by 0 (a frequency bin that is 0 in every frame, as in
///   digitally silent input or an all-silent chunk of a long signal) noisereduce gets NaN, and its
///   mask smoothing spreads the NaN over the whole output (or chunk). Here that ratio is −1, as for
///   any other zero bin, so silence comes out as zeros and the output is finite for finite input.
/// - The stationary gate on a signal of at most `win_length − hop_length` (768) samples: scipy
///   shrinks the noise STFT's window to the signal's length and then raises because the overlap is
///   longer than the window. Here the noise statistics use the normal framing. (From 769 to 1023
///   samples scipy's shrunken window is reproduced.)
///
/// Holds FFTW plans and scratch buffers sized by the longest chunk so far, reused clip after clip:
/// make one per task and keep it. Not Sendable.
package final class NoiseReducer {
    package let parameters: Parameters
    private let gate: SpectralGate
    /// Settings that depend on the sample rate, for the last rate seen.
    private var rateSettings: RateSettings?

    private struct RateSettings {
        let sampleRate: Int
        let smoothing: MaskSmoothing?
        let floor: TimeSmoothing
    }

    /// Checks the parameters as noisereduce and scipy would and plans the FFTs.
    ///
    /// Throws ``AudioError`` (code ``AudioError/Code/denoising``, path `noisereduce`) for
    /// parameters noisereduce or scipy reject at any sample rate, e.g. `n_fft < win_length`.
    package init(_ parameters: Parameters = Parameters()) throws(AudioError) {
        if let problem = parameters.problem {
            throw AudioError(.denoising, path: "noisereduce", reason: problem)
        }
        self.parameters = parameters
        let framing = GateFraming(
            nFFT: parameters.nFFT, windowLength: parameters.effectiveWinLength,
            hopLength: parameters.effectiveHopLength)
        do {
            self.gate = try SpectralGate(framing: framing)
        } catch {
            throw AudioError(.denoising, path: "noisereduce", reason: error.reason)
        }
    }

    /// `noisereduce.reduce_noise(y=samples, sr=sampleRate, ...)` with ``parameters``: the
    /// denoised signal, float32, as long as `samples`.
    ///
    /// - Parameter path: the file the audio came from, only for the error message.
    /// - Throws: ``AudioError`` (code ``AudioError/Code/denoising``) for a sample rate that is not
    ///   positive, or at which noisereduce rejects the mask smoothing spans (e.g.
    ///   `freq_mask_smooth_hz` narrower than one bin).
    package func reduceNoise(_ samples: [Float], sampleRate: Int, path: String = "noisereduce") throws(AudioError)
        -> [Float]
    {
        let settings = try settings(sampleRate: sampleRate, path: path)
        let count = samples.count
        guard count > 0 else { return [] }
        let chunkSize = parameters.chunkSize
        let padding = parameters.padding
        return samples.withUnsafeBufferPointer { signal in
            let mask: GateMask
            if parameters.stationary {
                let noise = UnsafeBufferPointer(
                    rebasing: signal[0..<(parameters.clipNoiseStationary ? min(count, chunkSize) : count)])
                mask = .stationary(
                    thresholds: gate.noiseThresholds(
                        noise, framing: noiseFraming(length: noise.count),
                        nStdThresh: parameters.nStdThreshStationary),
                    propDecrease: parameters.propDecrease)
            } else {
                mask = .nonstationary(
                    floor: settings.floor,
                    sigmoid: Sigmoid(
                        shift: -parameters.threshNMultNonstationary, multiplier: parameters.sigmoidSlopeNonstationary),
                    propDecrease: parameters.propDecrease)
            }
            return [Float](unsafeUninitializedCapacity: count) { output, initialized in
                // base.py get_traces: one chunk of n + 2·padding, or chunks of chunk_size + 2·padding.
                let chunkLength = count > chunkSize ? chunkSize : count
                var start = 0
                while start < count {
                    let kept = min(chunkLength, count - start)
                    let chunk = GateChunk(
                        signal: signal, offset: start - padding, length: chunkLength + 2 * padding,
                        keep: padding..<(padding + kept))
                    gate.filter(chunk, mask: mask, smoothing: settings.smoothing, into: output.baseAddress! + start)
                    start += kept
                }
                initialized = count
            }
        }
    }

    /// The framing of the stationary gate's noise STFT. scipy shrinks `nperseg` to the signal
    /// length when the signal is shorter (keeping `noverlap`), so a noise clip of
    /// `win − hop < n < win` samples gets an `n`-point window and hop `n − (win − hop)`; for
    /// `n ≤ win − hop` scipy raises, and the normal framing is used instead.
    private func noiseFraming(length: Int) -> GateFraming {
        let framing = gate.framing
        let overlap = framing.windowLength - framing.hopLength
        guard length < framing.windowLength, length > overlap else { return framing }
        return GateFraming(nFFT: framing.nFFT, windowLength: length, hopLength: length - overlap)
    }

    private func settings(sampleRate: Int, path: String) throws(AudioError) -> RateSettings {
        if let rateSettings, rateSettings.sampleRate == sampleRate { return rateSettings }
        guard sampleRate > 0, sampleRate <= 1 << 31 else {
            throw AudioError(.denoising, path: path, reason: "cannot reduce noise at \(sampleRate) Hz")
        }
        let smoothing = MaskSmoothing.make(
            freqMaskSmoothHz: parameters.freqMaskSmoothHz, timeMaskSmoothMs: parameters.timeMaskSmoothMs,
            sampleRate: sampleRate, nFFT: parameters.nFFT, hopLength: parameters.effectiveHopLength)
        switch smoothing {
        case .failure(let failure):
            throw AudioError(.denoising, path: path, reason: failure.reason)
        case .success(let smoothing):
            let settings = RateSettings(
                sampleRate: sampleRate, smoothing: smoothing,
                floor: TimeSmoothing(
                    timeConstantS: parameters.timeConstantS, sampleRate: sampleRate,
                    hopLength: parameters.effectiveHopLength))
            rateSettings = settings
            return settings
        }
    }
}
