import SERDSP

#if canImport(Glibc)
    import Glibc
#endif

/// The frame layout of `scipy.signal.stft` and `scipy.signal.istft` as noisereduce calls them
/// (`nperseg=win_length`, `noverlap=win_length - hop_length`, `nfft=n_fft`, `padded=False`, window
/// `'hann_periodic'`, `boundary='zeros'`, `scaling='spectrum'`; scipy 1.17 `_spectral_py.py`).
///
/// A chunk of `L` samples is extended by `win_length // 2` zeros on each side; frame `i` is the
/// extended signal's samples `[i*hop, i*hop + win)`, i.e. chunk samples from `i*hop - win//2`,
/// windowed and zero-padded to `n_fft`. There are `1 + (L + 2*(win//2) - win) // hop` frames.
struct GateFraming {
    /// FFT length (`nfft`).
    let nFFT: Int
    /// Window and segment length (`nperseg`).
    let windowLength: Int
    let hopLength: Int
    /// `nfft / 2 + 1` one-sided bins.
    let binCount: Int
    /// Doubles per spectral row: `binCount` rounded up to a multiple of 8 (whole pairs of SIMD4
    /// vectors; 520 for 513 bins).
    let rowStride: Int
    /// `win_length // 2`: the zeros scipy's `boundary='zeros'` adds on each side.
    let boundary: Int
    /// The periodic Hann window, float64.
    let window: [Double]
    /// `win.sum()`; the forward transform is divided by it (`scaling='spectrum'`) and the inverse
    /// multiplied by it.
    let windowSum: Double
    /// The STFT's scale `sqrt(1 / win.sum()**2)`, as scipy computes it.
    let spectrumScale: Double
    /// `istft`'s divisor at extended position `p` when every frame covering `p` exists, indexed by
    /// `p % hop`: the overlap-added `win**2`, summed in scipy's frame order, or 1 where that is
    /// ≤ 1e-10.
    let fullNorm: [Double]

    init(nFFT: Int, windowLength: Int, hopLength: Int) {
        self.nFFT = nFFT
        self.windowLength = windowLength
        self.hopLength = hopLength
        self.binCount = nFFT / 2 + 1
        self.rowStride = (binCount + 7) & ~7
        self.boundary = windowLength / 2
        let window = HannWindow.periodic(count: windowLength)
        self.window = window
        let sum = window.withUnsafeBufferPointer { Numpy.pairwiseSum($0.baseAddress!, count: $0.count) }
        self.windowSum = sum
        self.spectrumScale = (1.0 / (sum * sum)).squareRoot()
        self.fullNorm = (0..<hopLength).map { j in
            // Frames are added in increasing order, so the largest window index comes first.
            var total = 0.0
            for index in stride(from: j + (windowLength - 1 - j) / hopLength * hopLength, through: j, by: -hopLength)
            where index < windowLength {
                total += window[index] * window[index]
            }
            return total > 1e-10 ? total : 1
        }
    }

    /// Frames of a chunk of `length` samples (at least 1 for any `length ≥ 1`).
    func frameCount(length: Int) -> Int {
        let extended = length + 2 * boundary
        guard extended >= windowLength else { return 0 }
        return 1 + (extended - windowLength) / hopLength
    }

    /// The frames that see any of the chunk samples `nonzero` (chunk coordinates); every other
    /// frame is all zeros, so its spectrum is exactly 0.
    func frames(touching nonzero: ClosedRange<Int>, frameCount: Int) -> ClosedRange<Int>? {
        let first = max(0, Self.floorDivide(nonzero.lowerBound + boundary - windowLength, hopLength) + 1)
        let last = min(frameCount - 1, Self.floorDivide(nonzero.upperBound + boundary, hopLength))
        return first <= last ? first...last : nil
    }

    /// The extended positions whose covering frames all exist, where the normalisation is
    /// `fullNorm[p % hop]`.
    func fullCoverage(frameCount: Int) -> Range<Int> {
        let lower = max(0, windowLength - hopLength)
        return lower..<max(lower, frameCount * hopLength)
    }

    /// `istft`'s normalisation at extended position `p`, or 1 where it is ≤ 1e-10 (scipy divides
    /// by `np.where(norm > 1e-10, norm, 1.0)`).
    func normalisation(atExtended p: Int, frameCount: Int) -> Double {
        let firstFrame = Self.floorDivide(p - windowLength, hopLength) + 1
        let lastFrame = p / hopLength
        if firstFrame >= 0 && lastFrame < frameCount {
            return fullNorm[p % hopLength]
        }
        var total = 0.0
        var frame = max(0, firstFrame)
        while frame <= min(lastFrame, frameCount - 1) {
            let index = p - frame * hopLength
            total += window[index] * window[index]
            frame += 1
        }
        return total > 1e-10 ? total : 1
    }

    static func floorDivide(_ a: Int, _ b: Int) -> Int {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }
}
