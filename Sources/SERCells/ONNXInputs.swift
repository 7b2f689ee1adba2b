import SERDSP
import SERLearn

/// `models/gru.onnx.json`: what `gru.onnx` expects and gives, for someone running it outside serreport — how
/// a clip becomes its input (the settings' processing and frame descriptors, in the input's order) and what
/// the graph already does with it.
struct ONNXInputs: Encodable {
    struct Descriptor: Encodable {
        var name: String
        var rows: Int
    }

    var model = "gru.onnx"
    var input = "frames"
    var inputShape: [String]
    var output = "probabilities"
    var labels: [String]
    var sampleRate: Int
    var nFFT: Int
    var hopLength: Int
    /// The descriptors of a frame vector, in order (each `rows` values); the log-mel's bands for the cnn.
    var frameVector: [Descriptor]
    var frameNames: [String]
    var inGraph: [String]
    var howToGetFrames: String

    enum CodingKeys: String, CodingKey {
        case model, input, output, labels
        case inputShape = "input_shape"
        case sampleRate = "sample_rate"
        case nFFT = "n_fft"
        case hopLength = "hop_length"
        case frameVector = "frame_vector"
        case frameNames = "frame_names"
        case inGraph = "in_graph"
        case howToGetFrames = "how_to_get_frames"
    }

    init(settings: Settings, weights: RecurrentWeights, labels: [String]) {
        self.labels = labels
        inputShape = ["N", "T", "\(weights.inputSize)"]
        sampleRate = settings.sampleRate
        nFFT = settings.features.nFFT
        hopLength = settings.features.hopLength
        frameVector = FeatureNames.groups(settings.features).filter { $0.rows > 0 }.map {
            Descriptor(name: $0.name, rows: $0.rows)
        }
        frameNames = FrameSequencesRecord.names(settings.features)
        inGraph =
            (weights.typicalSpeaker == nil
                ? []
                : [
                    "speaker normalisation by the training corpus's typical speaker (typical_mean, typical_scale), as predict does for a clip alone"
                ]) + [
                "frame standardisation (frame_mean, frame_scale, from the training frames)",
                "undefined values (NaN, infinities) set to 0 after scaling",
                "bidirectional GRU, mean and max over every frame, dense layer, softmax",
            ]
        howToGetFrames =
            "Process and extract as models/settings.json says: `serreport features FILE --json --report REPORT` (the report these models are in) gives each descriptor's rows under frames; stack them in frame_vector order and transpose to T × D (one row per frame). Clips in one batch need the same T; run one clip at a time otherwise."
    }

    /// What `cnn.onnx` expects: the log-mel spectrogram, frame-major.
    init(settings: Settings, convolutional weights: ConvolutionalWeights, labels: [String]) {
        model = "cnn.onnx"
        input = "log_mel"
        self.labels = labels
        inputShape = ["N", "T", "\(weights.bands)"]
        sampleRate = settings.sampleRate
        nFFT = settings.features.nFFT
        hopLength = settings.features.hopLength
        frameVector = [Descriptor(name: "log_mel", rows: weights.bands)]
        frameNames = (0..<weights.bands).map { "mel_\($0)" }
        inGraph =
            (weights.typicalSpeaker == nil
                ? []
                : [
                    "speaker normalisation by the training corpus's typical speaker (typical_mean, typical_scale), as predict does for a clip alone"
                ]) + [
                "per-band standardisation (band_mean, band_scale, from the training frames)",
                "undefined values set to 0 after scaling",
                "convolution blocks (Conv, BatchNormalization, Relu, MaxPool), the mean over time, dense layer, softmax",
            ]
        howToGetFrames =
            "librosa.power_to_db(librosa.feature.melspectrogram(y, sr=sample_rate, n_fft=n_fft, hop_length=hop_length, n_mels=\(weights.bands))) of the processed clip, transposed to T × n_mels; `serreport features FILE --json --report REPORT` prints it as frames.log_mel (n_mels × T). A clip needs at least \(1 << weights.channels.count) frames."
    }
}
