import SERDSP

/// noisereduce's mask smoothing: `scipy.signal.fftconvolve(mask, K, mode="same")` with the
/// triangular kernel of `_smoothing_filter` (`spectralgate/base.py:7-29`).
///
/// `K = outer(tri(n_grad_freq), tri(n_grad_time)) / sum(...)`, where
/// `tri(m) = concat(linspace(0, 1, m + 1, endpoint=False), linspace(1, 0, m + 2))[1:-1]` rises
/// from `1/(m+1)` to 1 and back over `2m + 1` taps, with `n_grad_freq = int(freq_mask_smooth_hz /
/// (sr / (n_fft / 2)))` and `n_grad_time = int(time_mask_smooth_ms / (hop / sr * 1000))` (23×9 at
/// 22050 Hz, 33×7 at 16000 Hz with the defaults). The convolution has a zero boundary on both axes.
///
/// Since `K` is an outer product, the 2-D convolution is done as two 1-D ones (time, then
/// frequency), directly rather than through FFTs: 32 multiply-adds per bin (23 + 9 taps at
/// 22050 Hz), only for the frames that were transformed, one frame at a time right before its
/// inverse FFT, so nothing leaves the cache. fftconvolve would need three real 2-D FFTs of about
/// 540×500 per 3-s clip (~35 Mflop, against ~9 Mflop here) and the whole mask in memory. The
/// direct sum is exact up to rounding; fftconvolve differs from it by FFT rounding (~1e-16 on a
/// mask in [0, 1]).
struct MaskSmoothing {
    /// `n_grad_freq`: the kernel spans `2 * frequencyReach + 1` bins.
    let frequencyReach: Int
    /// `n_grad_time`: the kernel spans `2 * timeReach + 1` frames.
    let timeReach: Int
    /// `tri(n_grad_freq)` reversed (so that the convolution reads its input forwards).
    let frequencyTaps: [Double]
    /// `tri(n_grad_time) / K.sum()` reversed.
    let timeTaps: [Double]

    /// The smoothing noisereduce sets up for these parameters, `nil` when it smooths nothing
    /// (both spans unset, or both come out as one bin and one frame), or the reason noisereduce
    /// refuses them (a span shorter than one bin or one frame).
    static func make(
        freqMaskSmoothHz: Double?, timeMaskSmoothMs: Double?, sampleRate: Int, nFFT: Int, hopLength: Int
    ) -> Result<MaskSmoothing?, SmoothingSpanError> {
        if freqMaskSmoothHz == nil && timeMaskSmoothMs == nil { return .success(nil) }
        let sr = Double(sampleRate)
        var frequencyReach = 1
        if let hz = freqMaskSmoothHz {
            let binWidth = sr / (Double(nFFT) / 2)
            guard let reach = span(hz / binWidth) else {
                return .failure(SmoothingSpanError("freq_mask_smooth_hz", minimum: "\(Int(binWidth)) Hz"))
            }
            frequencyReach = reach
        }
        var timeReach = 1
        if let ms = timeMaskSmoothMs {
            let frameMs = (Double(hopLength) / sr) * 1000
            guard let reach = span(ms / frameMs) else {
                return .failure(SmoothingSpanError("time_mask_smooth_ms", minimum: "\(Int(frameMs)) ms"))
            }
            timeReach = reach
        }
        if frequencyReach == 1 && timeReach == 1 { return .success(nil) }
        return .success(MaskSmoothing(frequencyReach: frequencyReach, timeReach: timeReach))
    }

    /// `int(ratio)` when it is at least 1 (and small enough to allocate a kernel for).
    private static func span(_ ratio: Double) -> Int? {
        ratio >= 1 && ratio < Double(1 << 20) ? Int(ratio) : nil
    }

    init(frequencyReach: Int, timeReach: Int) {
        self.frequencyReach = frequencyReach
        self.timeReach = timeReach
        let frequency = Self.triangle(frequencyReach)
        let time = Self.triangle(timeReach)
        var kernel: [Double] = []
        kernel.reserveCapacity(frequency.count * time.count)
        for f in frequency {
            for t in time { kernel.append(f * t) }
        }
        let sum = kernel.withUnsafeBufferPointer { Numpy.pairwiseSum($0.baseAddress!, count: $0.count) }
        self.frequencyTaps = frequency.reversed()
        self.timeTaps = time.reversed().map { $0 / sum }
    }

    /// `tri(m)` with numpy's `linspace` arithmetic (`i * step + start`, last point `stop`).
    static func triangle(_ m: Int) -> [Double] {
        let rising = (0...m).map { Double($0) * (1 / Double(m + 1)) + 0 }
        let fallingStep = (0 - 1) / Double(m + 1)
        let falling = (0...(m + 1)).map { $0 == m + 1 ? 0 : Double($0) * fallingStep + 1 }
        return Array((rising + falling).dropFirst().dropLast())
    }

    /// Smooths one frame: `rows(t)` gives the unsmoothed mask of frame `t` for every frame within
    /// `timeReach` of `frame` (frames outside `0..<frameCount` count as zero). `scratch` needs
    /// ``scratchCount(rowStride:)`` values; the result (bins `0..<binCount`, then unspecified up to
    /// `rowStride`) goes to `output`.
    func smooth(
        frame: Int, frameCount: Int, binCount: Int, rowStride: Int,
        rows: (Int) -> UnsafePointer<Double>,
        scratch: UnsafeMutablePointer<Double>, output: UnsafeMutablePointer<Double>
    ) {
        let padded = scratch + frequencyReach
        smoothTime(frame: frame, frameCount: frameCount, rowStride: rowStride, rows: rows, into: padded)
        // Zero boundary in frequency: clear the margin below bin 0 and everything past the last bin.
        for i in 0..<frequencyReach { scratch[i] = 0 }
        for i in binCount..<(rowStride + frequencyReach + 16) { padded[i] = 0 }
        smoothFrequency(scratch, binCount: binCount, into: output)
    }

    /// Values `smooth` needs in `scratch`.
    func scratchCount(rowStride: Int) -> Int { rowStride + 2 * frequencyReach + 16 }

    /// `into[k] = Σ_b timeTaps[b] · mask[frame − timeReach + b][k]` for `k < rowStride`, eight lanes
    /// at a time with every tap summed in registers.
    private func smoothTime(
        frame: Int, frameCount: Int, rowStride: Int, rows: (Int) -> UnsafePointer<Double>,
        into target: UnsafeMutablePointer<Double>
    ) {
        let firstFrame = max(0, frame - timeReach)
        let lastFrame = min(frameCount - 1, frame + timeReach)
        let firstTap = firstFrame - (frame - timeReach)
        let count = lastFrame - firstFrame + 1
        withUnsafeTemporaryAllocation(of: UnsafePointer<Double>.self, capacity: count) { sources in
            for i in 0..<count { sources[i] = rows(firstFrame + i) }
            timeTaps.withUnsafeBufferPointer { taps in
                var k = 0
                while k < rowStride {
                    let w0 = taps[firstTap]
                    var low = sources[0].vector(at: k) * w0
                    var high = sources[0].vector(at: k &+ 4) * w0
                    var i = 1
                    while i < count {
                        let w = taps[firstTap &+ i]
                        low += sources[i].vector(at: k) * w
                        high += sources[i].vector(at: k &+ 4) * w
                        i &+= 1
                    }
                    target.store(low, at: k)
                    target.store(high, at: k &+ 4)
                    k &+= 8
                }
            }
        }
    }

    /// `output[k] = Σ_a frequencyTaps[a] · padded[k + a]`, sixteen outputs at a time so that
    /// four independent sums hide the additions' latency.
    private func smoothFrequency(
        _ padded: UnsafeMutablePointer<Double>, binCount: Int, into output: UnsafeMutablePointer<Double>
    ) {
        frequencyTaps.withUnsafeBufferPointer { taps in
            let tapCount = taps.count
            var k = 0
            while k < binCount {
                var s0 = SIMD4<Double>(repeating: 0)
                var s1 = s0
                var s2 = s0
                var s3 = s0
                var source = padded + k
                for a in 0..<tapCount {
                    let w = taps[a]
                    s0 += source.vector(at: 0) * w
                    s1 += source.vector(at: 4) * w
                    s2 += source.vector(at: 8) * w
                    s3 += source.vector(at: 12) * w
                    source += 1
                }
                output.store(s0, at: k)
                output.store(s1, at: k &+ 4)
                output.store(s2, at: k &+ 8)
                output.store(s3, at: k &+ 12)
                k &+= 16
            }
        }
    }
}

/// A smoothing span that noisereduce rejects (`_generate_mask_smoothing_filter` raises for less
/// than one bin or frame; spans over 2^20 bins or frames are refused here too).
struct SmoothingSpanError: Error {
    let reason: String

    init(_ parameter: String, minimum: String) {
        reason = "\(parameter) needs to be at least \(minimum) (and at most 2^20 bins or frames)"
    }
}
