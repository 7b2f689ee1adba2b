/// The non-stationary gate's noise floor: noisereduce's `get_time_smoothed_representation`
/// (`spectralgate/nonstationary.py:106-115`), i.e.
/// `scipy.signal.filtfilt([b], [1, b - 1], |Z|, axis=-1, padtype=None)` with
/// `t_frames = time_constant_s * sr / hop_length` and `b = (sqrt(1 + 4 t²) − 1) / (2 t²)`.
///
/// Without padding, filtfilt is a one-pole exponential moving average run forward and then
/// backward over the forward output, each pass seeded by `lfilter_zi` times its first input:
/// `s[t] = (1 − b)·s[t−1] + b·x[t]`, `s[0] = zi·x[0] + b·x[0]`. The arithmetic is lfilter's, so
/// `(1 − b)·s` is `-(a[1]·s)` and `zi` is `lfilter_zi`'s `(0 − a[1]·b) / (1 − (−a[1]))`.
///
/// The passes are exposed a frame at a time (`width` values, one per frequency) so the gate can
/// run them while each frame is still in cache.
struct TimeSmoothing {
    let b: Double
    /// `1 − b`, which is exactly `−(b − 1)`.
    let decay: Double
    /// `lfilter_zi([b], [1, b − 1])`.
    let initialState: Double

    init(timeConstantS: Double, sampleRate: Int, hopLength: Int) {
        let tFrames = timeConstantS * Double(sampleRate) / Double(hopLength)
        let tSquared = tFrames * tFrames
        let b = ((1 + 4 * tSquared).squareRoot() - 1) / (2 * tSquared)
        let a1 = b - 1
        self.b = b
        self.decay = -a1
        self.initialState = (0 - a1 * b) / (1 - -a1)
    }

    /// One forward step, `state = (1 − b)·previous + b·input`. With no `previous`, this is the
    /// first frame: seeded from its own input when it is frame 0, and from 0 when it follows
    /// frames of zeros (the forward average over them is exactly 0).
    @inline(__always)
    func forward(
        _ input: UnsafePointer<Double>, previous: UnsafePointer<Double>?, isFrameZero: Bool,
        into state: UnsafeMutablePointer<Double>, width: Int
    ) {
        let b = self.b
        if let previous {
            let decay = self.decay
            for k in 0..<width { state[k] = decay * previous[k] + b * input[k] }
        } else if isFrameZero {
            let zi = initialState
            for k in 0..<width { state[k] = zi * input[k] + b * input[k] }
        } else {
            for k in 0..<width { state[k] = b * input[k] }
        }
    }

    /// One forward step over a frame of zeros: `state = (1 − b)·previous` (+ `b·0`).
    @inline(__always)
    func forwardOverZeros(
        previous: UnsafePointer<Double>, into state: UnsafeMutablePointer<Double>, width: Int
    ) {
        let decay = self.decay
        for k in 0..<width { state[k] = decay * previous[k] }
    }

    /// Starts the backward pass at the last frame: `state = zi·last + b·last`, where `last` is
    /// the forward pass's last value.
    @inline(__always)
    func backwardStart(last: UnsafePointer<Double>, into state: UnsafeMutablePointer<Double>, width: Int) {
        let b = self.b
        let zi = initialState
        for k in 0..<width { state[k] = zi * last[k] + b * last[k] }
    }

    /// One backward step in place: `state = (1 − b)·state + b·forwardValue`.
    @inline(__always)
    func backward(_ forwardValue: UnsafePointer<Double>, state: UnsafeMutablePointer<Double>, width: Int) {
        let b = self.b
        let decay = self.decay
        for k in 0..<width { state[k] = decay * state[k] + b * forwardValue[k] }
    }
}
