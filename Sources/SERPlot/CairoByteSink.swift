package import CCairo

/// Collects the bytes a Cairo stream writes (an SVG or PDF surface, a PNG written to a stream) in
/// memory: hand Cairo ``write`` as the `cairo_write_func_t` and ``closure`` as its closure.
///
/// Cairo holds the sink unretained: its owner keeps it alive until the surface is destroyed (a
/// surface writes its last bytes when finished). Not `Sendable`: one per surface.
package final class CairoByteSink {
    /// Everything written so far.
    package private(set) var bytes: [UInt8] = []

    package init() {}

    /// This sink as the `closure` argument Cairo passes back to ``write``, unretained.
    package var closure: UnsafeMutableRawPointer { Unmanaged.passUnretained(self).toOpaque() }

    /// Cairo's `cairo_write_func_t`: appends a chunk to the sink passed as `closure`.
    package static var write: cairo_write_func_t {
        { closure, data, length in
            guard let closure else { return CAIRO_STATUS_WRITE_ERROR }
            guard let data, length > 0 else { return CAIRO_STATUS_SUCCESS }
            let sink = Unmanaged<CairoByteSink>.fromOpaque(closure).takeUnretainedValue()
            sink.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
            return CAIRO_STATUS_SUCCESS
        }
    }
}
