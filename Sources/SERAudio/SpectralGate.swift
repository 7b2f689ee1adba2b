import SERDSP

/// One chunk of the signal as noisereduce's `filter_chunk` / `_read_chunk` builds it
/// (`spectralgate/base.py:130-150`): `length` samples starting at signal index `offset` (which
/// may be negative), with zeros wherever that runs past the signal, of which the chunk samples
/// `keep` are returned.
struct GateChunk {
    /// The whole input signal.
    let signal: UnsafeBufferPointer<Float>
    /// The signal index of chunk sample 0.
    let offset: Int
    /// The chunk length `L`, padding included.
    let length: Int
    /// The chunk samples that make the output.
    let keep: Range<Int>

    /// The signal indices the chunk holds.
    var signalRange: Range<Int> { max(0, offset)..<max(max(0, offset), min(signal.count, offset + length)) }

    /// The chunk samples from the first to the last nonzero one, or `nil` if all are zero.
    func nonzeroSpan() -> ClosedRange<Int>? {
        let range = signalRange
        guard let first = range.first(where: { signal[$0] != 0 }) else { return nil }
        var last = range.upperBound - 1
        while signal[last] == 0 { last -= 1 }
        return (first - offset)...(last - offset)
    }
}

/// Which gate computes the mask, with its settings.
enum GateMask {
    /// `SpectralGateNonStationary`: sigmoid of `(|Z| − S) / S` against the time-smoothed floor
    /// `S`, smoothed, then scaled by `prop_decrease`.
    case nonstationary(floor: TimeSmoothing, sigmoid: Sigmoid, propDecrease: Double)
    /// `SpectralGateStationary`: `dB(|Z|) > threshold` per bin, scaled by `prop_decrease`, then
    /// smoothed.
    case stationary(thresholds: [Double], propDecrease: Double)
}

/// The spectral gate applied to one chunk: `scipy.signal.stft`, a mask, `scipy.signal.istft`
/// (noisereduce's `spectral_gating_nonstationary` / `spectral_gating_stationary`).
///
/// Only frames that see a nonzero sample are transformed: every other frame's spectrum is exactly
/// 0 (noisereduce's 30000-sample zero padding alone is ~47% of a 3-s clip's frames), so skipping
/// its FFT, inverse FFT and overlap-add changes nothing. Their zeros still take part in the noise
/// floor's moving average and, through their constant mask, in the mask smoothing.
///
/// Holds the FFTW plans and every buffer, reused chunk after chunk and clip after clip. Not
/// Sendable: one per task.
final class SpectralGate {
    let framing: GateFraming
    let forward: RealFFT
    private let inverse: InverseRealFFT
    /// Spectra of the transformed frames, `2 * rowStride` interleaved (re, im) values per frame.
    private let spectra = ScratchBuffer()
    /// `|Z|` of the transformed frames, `rowStride` per frame.
    let magnitudes = ScratchBuffer()
    /// Per frame from the first mask row on: the noise floor, then the unsmoothed mask.
    let maskRows = ScratchBuffer()
    /// The backward pass of the noise floor, one frame.
    let floorCarry = ScratchBuffer()
    private let smoothedRow = ScratchBuffer()
    private let smoothingScratch = ScratchBuffer()
    /// The overlap-added inverse transforms.
    private let overlap = ScratchBuffer()

    init(framing: GateFraming) throws(DSPError) {
        self.framing = framing
        self.forward = try RealFFT(size: framing.nFFT)
        self.inverse = try InverseRealFFT(size: framing.nFFT)
    }

    /// Filters `chunk` and writes its `keep` samples, as float32, to `output`.
    func filter(
        _ chunk: GateChunk, mask: GateMask, smoothing: MaskSmoothing?, into output: UnsafeMutablePointer<Float>
    ) {
        output.initialize(repeating: 0, count: chunk.keep.count)
        let frameCount = framing.frameCount(length: chunk.length)
        guard let nonzero = chunk.nonzeroSpan(),
            let active = framing.frames(touching: nonzero, frameCount: frameCount)
        else { return }
        let reach = smoothing?.timeReach ?? 0
        let firstMaskFrame = max(0, active.lowerBound - reach)
        let lastMaskFrame = min(frameCount - 1, active.upperBound + reach)
        let stride = framing.rowStride
        let spectra = self.spectra.reserve(active.count * 2 * stride)
        let magnitudes = self.magnitudes.reserve(active.count * stride)
        let maskRows = self.maskRows.reserve((frameCount - firstMaskFrame) * stride)
        let rows = MaskRows(base: maskRows, firstFrame: firstMaskFrame, stride: stride)
        let gain: (scale: Double, offset: Double)
        switch mask {
        case .nonstationary(let floor, let sigmoid, let propDecrease):
            transform(chunk, frames: active, spectra: spectra, magnitudes: magnitudes) { t, magnitude in
                floor.forward(
                    magnitude, previous: t == active.lowerBound ? nil : UnsafePointer(rows[t - 1]),
                    isFrameZero: t == 0, into: rows[t], width: stride)
            }
            nonstationaryMask(
                floor: floor, sigmoid: sigmoid, magnitudes: magnitudes, active: active,
                maskFrames: firstMaskFrame...lastMaskFrame, frameCount: frameCount, rows: rows)
            gain = (propDecrease, 1.0 - propDecrease)
        case .stationary(let thresholds, let propDecrease):
            transform(chunk, frames: active, spectra: spectra, magnitudes: magnitudes) { _, _ in }
            stationaryMask(
                thresholds: thresholds, propDecrease: propDecrease, magnitudes: magnitudes, active: active,
                maskFrames: firstMaskFrame...lastMaskFrame, rows: rows)
            gain = (1, 0)
        }
        let smoothed = smoothedRow.reserve(stride + 16)
        let scratch = smoothingScratch.reserve(smoothing?.scratchCount(rowStride: stride) ?? 0)
        let overlapped = overlap.reserve((active.count - 1) * framing.hopLength + framing.windowLength)
        if framing.hopLength > framing.windowLength {
            overlapped.update(repeating: 0, count: (active.count - 1) * framing.hopLength + framing.windowLength)
        }
        for t in active {
            let frameMask: UnsafePointer<Double>
            if let smoothing {
                smoothing.smooth(
                    frame: t, frameCount: frameCount, binCount: framing.binCount, rowStride: stride,
                    rows: { UnsafePointer(rows[$0]) }, scratch: scratch, output: smoothed)
                frameMask = UnsafePointer(smoothed)
            } else {
                frameMask = UnsafePointer(rows[t])
            }
            let index = t - active.lowerBound
            invert(spectra + index * 2 * stride, mask: frameMask, gain: gain)
            overlapAdd(into: overlapped + index * framing.hopLength, first: index == 0)
        }
        normalise(
            overlapped, firstFrame: active.lowerBound, frameCount: frameCount, transformed: active.count,
            keep: chunk.keep, into: output)
    }

    /// The unsmoothed mask rows, frame `t` at `base + (t - firstFrame) * stride`.
    struct MaskRows {
        let base: UnsafeMutablePointer<Double>
        let firstFrame: Int
        let stride: Int

        subscript(frame: Int) -> UnsafeMutablePointer<Double> { base + (frame - firstFrame) * stride }
    }

    /// `stft`: windows and transforms frames `active`, storing `Z = rfft(w·x) * scale` and `|Z|`,
    /// and hands each frame's `|Z|` to `each` while it is in cache.
    private func transform(
        _ chunk: GateChunk, frames active: ClosedRange<Int>, spectra: UnsafeMutablePointer<Double>,
        magnitudes: UnsafeMutablePointer<Double>, each: (Int, UnsafePointer<Double>) -> Void
    ) {
        let stride = framing.rowStride
        let bins = framing.binCount
        let scale = framing.spectrumScale
        for t in active {
            let index = t - active.lowerBound
            loadFrame(t, of: chunk)
            let z = spectra + index * 2 * stride
            forward.execute(into: z)
            let a = magnitudes + index * stride
            for k in 0..<bins {
                let re = z[2 * k] * scale
                let im = z[2 * k + 1] * scale
                z[2 * k] = re
                z[2 * k + 1] = im
                a[k] = (re * re + im * im).squareRoot()
            }
            for k in bins..<stride { a[k] = 0 }
            each(t, a)
        }
    }

    /// Writes `w · x[t*hop − win/2 ..< t*hop − win/2 + win]` (zeros outside the chunk's signal),
    /// zero-padded to `n_fft`, into the forward FFT's input.
    private func loadFrame(_ t: Int, of chunk: GateChunk) {
        let input = forward.input.baseAddress!
        let window = framing.window
        let width = framing.windowLength
        let start = chunk.offset + t * framing.hopLength - framing.boundary
        let valid = chunk.signalRange
        let lower = min(max(0, valid.lowerBound - start), width)
        let upper = max(min(width, valid.upperBound - start), lower)
        window.withUnsafeBufferPointer { w in
            let window = w.baseAddress!
            for j in 0..<lower { input[j] = 0 }
            if lower < upper {
                let samples = chunk.signal.baseAddress! + (start + lower)
                let weights = window + lower
                let target = input + lower
                for j in 0..<(upper - lower) { target[j] = weights[j] * Double(samples[j]) }
            }
            for j in upper..<framing.nFFT { input[j] = 0 }
        }
    }

    /// `irfft(Z · gain(mask)) * win.sum()` for one frame, left in the inverse FFT's output.
    private func invert(
        _ spectrum: UnsafeMutablePointer<Double>, mask: UnsafePointer<Double>, gain: (scale: Double, offset: Double)
    ) {
        let input = inverse.input.baseAddress!
        let bins = framing.binCount
        if gain == (1, 0) {
            for k in 0..<bins {
                input[2 * k] = spectrum[2 * k] * mask[k]
                input[2 * k + 1] = spectrum[2 * k + 1] * mask[k]
            }
        } else {
            for k in 0..<bins {
                let g = mask[k] * gain.scale + gain.offset
                input[2 * k] = spectrum[2 * k] * g
                input[2 * k + 1] = spectrum[2 * k + 1] * g
            }
        }
        inverse.execute()
    }

    /// Adds `window · irfft · win.sum()` of the frame just inverted at `target`; positions no
    /// earlier frame reached are assigned (0 + v is v), so the buffer needs no clearing.
    private func overlapAdd(into target: UnsafeMutablePointer<Double>, first: Bool) {
        let width = framing.windowLength
        let overlapping = first ? 0 : max(0, width - framing.hopLength)
        let inverseScale = 1 / Double(framing.nFFT)
        let windowSum = framing.windowSum
        let frame = inverse.output.baseAddress!
        framing.window.withUnsafeBufferPointer { w in
            for j in 0..<overlapping { target[j] += frame[j] * inverseScale * windowSum * w[j] }
            for j in overlapping..<width { target[j] = frame[j] * inverseScale * windowSum * w[j] }
        }
    }

    /// `istft`'s last step for the kept samples: drop `win//2` at the start, divide by the
    /// overlap-added `win²` where it exceeds 1e-10, and round to float32. Samples past the
    /// transformed frames, or past the end of `istft`'s output, stay 0.
    private func normalise(
        _ overlapped: UnsafeMutablePointer<Double>, firstFrame: Int, frameCount: Int, transformed: Int,
        keep: Range<Int>, into output: UnsafeMutablePointer<Float>
    ) {
        let hop = framing.hopLength
        let base = firstFrame * hop
        let end = base + (transformed - 1) * hop + framing.windowLength
        let outputLength = (frameCount - 1) * hop + framing.windowLength - 2 * framing.boundary
        // Extended positions p = q + boundary for kept chunk samples q.
        let lower = max(keep.lowerBound + framing.boundary, base)
        let upper = min(keep.upperBound, outputLength) + framing.boundary
        guard lower < min(upper, end) else { return }
        let positions = lower..<min(upper, end)
        let full = framing.fullCoverage(frameCount: frameCount).clamped(to: positions)
        let out = output - keep.lowerBound - framing.boundary
        let values = overlapped - base
        for p in positions.lowerBound..<max(positions.lowerBound, full.lowerBound) {
            out[p] = Float(values[p] / framing.normalisation(atExtended: p, frameCount: frameCount))
        }
        if !full.isEmpty {
            framing.fullNorm.withUnsafeBufferPointer { norm in
                // In runs of up to one hop, along which the divisor index runs up from j.
                var p = full.lowerBound
                var j = p % hop
                while p < full.upperBound {
                    let run = min(hop - j, full.upperBound - p)
                    let target = out + p
                    let source = values + p
                    let divisor = norm.baseAddress! + j
                    for i in 0..<run { target[i] = Float(source[i] / divisor[i]) }
                    p += run
                    j = 0
                }
            }
        }
        for p in max(full.upperBound, positions.lowerBound)..<positions.upperBound {
            out[p] = Float(values[p] / framing.normalisation(atExtended: p, frameCount: frameCount))
        }
    }
}
