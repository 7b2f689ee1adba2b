import CSoxr

/// The only place that calls libsoxr: a reusable mono float32 stream resampler with the HQ recipe
/// (20-bit, linear phase) that `soxr.resample(..., quality="soxr_hq")` selects, single-threaded.
///
/// Creating a libsoxr resampler designs its filters, which costs as much as converting seconds of
/// audio; one instance per rate pair is kept and `soxr_clear`ed between clips instead. Not
/// Sendable: one per task.
final class SoxrStream {
    let inputRate: Int
    let outputRate: Int
    private let handle: soxr_t

    init(from inputRate: Int, to outputRate: Int) throws(SoxrFailure) {
        var ioSpec = soxr_io_spec(SOXR_FLOAT32_I, SOXR_FLOAT32_I)
        var qualitySpec = soxr_quality_spec(UInt(SOXR_HQ), 0)
        var runtimeSpec = soxr_runtime_spec(1)
        var failure: soxr_error_t?
        let handle = soxr_create(
            Double(inputRate), Double(outputRate), 1, &failure, &ioSpec, &qualitySpec, &runtimeSpec)
        guard let handle, failure == nil else {
            soxr_delete(handle)
            throw SoxrFailure(message: failure.map { String(cString: $0) } ?? "cannot create a resampler")
        }
        self.inputRate = inputRate
        self.outputRate = outputRate
        self.handle = handle
    }

    deinit { soxr_delete(handle) }

    /// Input samples per `soxr_process` call. Given a whole clip at once, libsoxr grows its internal
    /// buffers to megabytes and faults them in anew for every clip (16 times the page faults, 1.7 times
    /// the CPU for 16 → 22.05 kHz); in blocks of 8192 they stay small and warm. The output is
    /// bit-identical whatever the block size (libsoxr streams), and so identical to librosa's.
    static let inputBlock = 8192

    /// Converts a whole signal (all input, then end-of-input) into exactly `length` samples: libsoxr's
    /// output cut at `length`, or zero-padded to it — `librosa.util.fix_length` folded in, so the
    /// result is written once, with no copies.
    func resample(_ input: [Float], length: Int) throws(SoxrFailure) -> [Float] {
        if let failure = soxr_clear(handle) { throw SoxrFailure(message: String(cString: failure)) }
        var failure: soxr_error_t?
        let output = [Float](unsafeUninitializedCapacity: length) { out, initialized in
            guard let outBase = out.baseAddress else { return }
            var produced = 0
            input.withUnsafeBufferPointer { inp in
                var consumed = 0
                // Feed the signal in blocks of `inputBlock`, then flush with `in = NULL` until no more
                // output comes.
                while failure == nil && produced < length {
                    var used = 0
                    var made = 0
                    if consumed < inp.count, let base = inp.baseAddress {
                        failure = soxr_process(
                            handle, base + consumed, min(inp.count - consumed, Self.inputBlock), &used,
                            outBase + produced,
                            length - produced, &made)
                    } else {
                        failure = soxr_process(handle, nil, 0, nil, outBase + produced, length - produced, &made)
                        if made == 0 { break }
                    }
                    consumed += used
                    produced += made
                }
            }
            (outBase + produced).initialize(repeating: 0, count: length - produced)
            initialized = length
        }
        if let failure { throw SoxrFailure(message: String(cString: failure)) }
        return output
    }
}

/// libsoxr's own error text.
struct SoxrFailure: Error {
    let message: String
}
