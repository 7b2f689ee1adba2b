import CSoxr

/// The only place that calls libsoxr.
enum Soxr {
    /// One-shot float32 mono conversion with libsoxr's HQ recipe (20-bit, linear phase), the recipe
    /// `soxr.resample(..., quality="soxr_hq")` selects. Returns at most `capacity` samples.
    static func resampleHQ(
        _ input: [Float], from inputRate: Double, to outputRate: Double, capacity: Int
    ) -> Result<[Float], SoxrFailure> {
        var ioSpec = soxr_io_spec(SOXR_FLOAT32_I, SOXR_FLOAT32_I)
        var qualitySpec = soxr_quality_spec(UInt(SOXR_HQ), 0)
        var produced = 0
        var failure: soxr_error_t?
        let output = [Float](unsafeUninitializedCapacity: capacity) { out, initialized in
            failure = input.withUnsafeBufferPointer { inp in
                soxr_oneshot(
                    inputRate, outputRate, 1,
                    inp.baseAddress, inp.count, nil,
                    out.baseAddress, capacity, &produced,
                    &ioSpec, &qualitySpec, nil
                )
            }
            initialized = failure == nil ? produced : 0
        }
        if let failure { return .failure(SoxrFailure(message: String(cString: failure))) }
        return .success(output)
    }
}

/// libsoxr's own error text.
struct SoxrFailure: Error {
    let message: String
}
