// The only file in SERDSP that calls FFTW.
import CFFTW
import Synchronization

/// Serialises every FFTW planner call (`fftw_plan_*`, `fftw_destroy_plan`) in the process: the
/// planner keeps global state and is not thread-safe, while `fftw_execute` on distinct plans is.
private let fftwPlanner = Mutex<Void>(())

/// Carries a freshly made plan out of the planner lock; the plan is only used by its owner.
private struct PlanHandle: @unchecked Sendable {
    let plan: fftw_plan?
}

/// One FFTW plan between a real array of `size` points and a complex array of `size / 2 + 1` bins
/// (as interleaved (re, im) doubles), both from `fftw_alloc_*` (SIMD-aligned) and zeroed; frees the
/// plan (under the planner lock) and the arrays when released.
private final class RealSpectrumPlan {
    let size: Int
    let binCount: Int
    let real: UnsafeMutableBufferPointer<Double>
    let complex: UnsafeMutableBufferPointer<Double>
    let plan: fftw_plan

    init(
        size: Int, name: String,
        makePlan: (Int32, UnsafeMutablePointer<Double>, UnsafeMutablePointer<fftw_complex>) -> fftw_plan?
    ) throws(DSPError) {
        guard size > 0, size <= Int(Int32.max / 2) else {
            throw DSPError(.invalidParameter, reason: "FFT size must be in 1...\(Int32.max / 2), got \(size)")
        }
        let bins = size / 2 + 1
        guard let realBase = fftw_alloc_real(size), let complexBase = fftw_alloc_complex(bins) else {
            throw DSPError(.fftPlan, reason: "FFTW could not allocate buffers for a \(size)-point \(name)")
        }
        let handle = fftwPlanner.withLock { _ in PlanHandle(plan: makePlan(Int32(size), realBase, complexBase)) }
        guard let plan = handle.plan else {
            fftw_free(realBase)
            fftw_free(complexBase)
            throw DSPError(.fftPlan, reason: "FFTW could not plan a \(size)-point \(name)")
        }
        self.size = size
        self.binCount = bins
        self.plan = plan
        self.real = UnsafeMutableBufferPointer(start: realBase, count: size)
        self.real.initialize(repeating: 0)
        let interleaved = UnsafeMutableRawPointer(complexBase).bindMemory(to: Double.self, capacity: 2 * bins)
        self.complex = UnsafeMutableBufferPointer(start: interleaved, count: 2 * bins)
        self.complex.initialize(repeating: 0)
    }

    deinit {
        let handle = PlanHandle(plan: plan)
        fftwPlanner.withLock { _ in fftw_destroy_plan(handle.plan) }
        fftw_free(real.baseAddress)
        fftw_free(complex.baseAddress)
    }
}

/// A double-precision real-to-complex DFT of one fixed size, as `scipy.fft.rfft` computes it
/// (unnormalised, bins `0 ... size/2`), through FFTW (`fftw_plan_dft_r2c_1d`, `FFTW_ESTIMATE`).
///
/// The plan is made once and reused for every transform; its input and output arrays come from
/// `fftw_alloc_*` (SIMD-aligned) and are reused too. Fill ``input``, call ``execute()``, read
/// ``real(_:)`` and ``imaginary(_:)``.
///
/// Not Sendable: one instance per task. Creating and destroying instances from many threads at
/// once is safe (the planner is locked); `FFTW_ESTIMATE` keeps plans deterministic and never
/// touches the arrays while planning.
package final class RealFFT {
    /// The transform length `n`.
    package let size: Int
    /// `n / 2 + 1` complex outputs.
    package let binCount: Int
    /// The `n` real inputs of the next transform.
    package let input: UnsafeMutableBufferPointer<Double>
    /// `binCount` interleaved (re, im) pairs of the last transform.
    private let output: UnsafeMutableBufferPointer<Double>
    private let storage: RealSpectrumPlan
    private var plan: fftw_plan { storage.plan }

    /// Plans a transform of `size` points.
    ///
    /// Throws ``DSPError/Code/fftPlan`` if FFTW cannot allocate or plan it.
    package init(size: Int) throws(DSPError) {
        storage = try RealSpectrumPlan(size: size, name: "real FFT") { n, real, complex in
            fftw_plan_dft_r2c_1d(n, real, complex, UInt32(FFTW_ESTIMATE))
        }
        self.size = size
        self.binCount = storage.binCount
        self.input = storage.real
        self.output = storage.complex
    }

    /// Transforms ``input`` into the output bins (thread-safe across distinct instances).
    package func execute() {
        fftw_execute(plan)
    }

    /// Transforms ``input`` straight into `spectrum`, `binCount` interleaved (re, im) pairs
    /// (`fftw_execute_dft_r2c`, thread-safe like ``execute()``). FFTW requires `spectrum` to be
    /// aligned like its own arrays (`fftw_alignment_of`; 64-byte-aligned storage always is);
    /// otherwise the bins are computed into the instance's buffer and copied.
    package func execute(into spectrum: UnsafeMutablePointer<Double>) {
        if fftw_alignment_of(spectrum) == fftw_alignment_of(output.baseAddress!) {
            let target = UnsafeMutableRawPointer(spectrum).assumingMemoryBound(to: fftw_complex.self)
            fftw_execute_dft_r2c(plan, input.baseAddress, target)
        } else {
            fftw_execute(plan)
            spectrum.update(from: output.baseAddress!, count: output.count)
        }
    }

    /// Bins `k ..< k + 4` of the last transform, rounded to float32 (`k + 4 <= binCount`).
    @inline(__always)
    package func fourBins(_ k: Int) -> (real: SIMD4<Float>, imaginary: SIMD4<Float>) {
        let raw = UnsafeRawPointer(output.baseAddress! + 2 * k)
        let first = raw.loadUnaligned(as: SIMD4<Double>.self)
        let second = raw.loadUnaligned(fromByteOffset: 32, as: SIMD4<Double>.self)
        let real = SIMD4<Double>(lowHalf: first.evenHalf, highHalf: second.evenHalf)
        let imaginary = SIMD4<Double>(lowHalf: first.oddHalf, highHalf: second.oddHalf)
        return (SIMD4<Float>(real), SIMD4<Float>(imaginary))
    }

    /// The real part of bin `k` of the last transform.
    @inline(__always)
    package func real(_ k: Int) -> Double { output[2 * k] }

    /// The imaginary part of bin `k` of the last transform.
    @inline(__always)
    package func imaginary(_ k: Int) -> Double { output[2 * k + 1] }
}

/// A double-precision complex-to-real inverse DFT of one fixed size, through FFTW
/// (`fftw_plan_dft_c2r_1d`, `FFTW_ESTIMATE`): `size * scipy.fft.irfft(X, n=size)`, i.e.
/// unnormalised. As in numpy, the imaginary parts of bin 0 and (for even sizes) bin `size/2` are
/// ignored.
///
/// Fill ``input`` with `binCount` interleaved (re, im) pairs, call ``execute()``, read
/// ``output``. FFTW's c2r transform overwrites its input, so refill ``input`` before every call.
/// Not Sendable: one instance per task; construction and destruction go through the planner lock.
package final class InverseRealFFT {
    /// The transform length `n` (real outputs).
    package let size: Int
    /// `n / 2 + 1` complex inputs.
    package let binCount: Int
    /// `binCount` interleaved (re, im) pairs: the spectrum of the next transform (destroyed by it).
    package let input: UnsafeMutableBufferPointer<Double>
    /// The `n` real outputs of the last transform.
    package let output: UnsafeMutableBufferPointer<Double>
    private let storage: RealSpectrumPlan
    private var plan: fftw_plan { storage.plan }

    /// Plans an inverse transform of `size` points.
    ///
    /// Throws ``DSPError/Code/fftPlan`` if FFTW cannot allocate or plan it.
    package init(size: Int) throws(DSPError) {
        storage = try RealSpectrumPlan(size: size, name: "inverse real FFT") { n, real, complex in
            fftw_plan_dft_c2r_1d(n, complex, real, UInt32(FFTW_ESTIMATE))
        }
        self.size = size
        self.binCount = storage.binCount
        self.input = storage.complex
        self.output = storage.real
    }

    /// Transforms ``input`` into ``output`` (thread-safe across distinct instances).
    package func execute() {
        fftw_execute(plan)
    }
}
