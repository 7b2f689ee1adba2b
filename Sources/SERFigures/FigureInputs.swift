/// What the load figures need to know of one clip.
public struct ClipFacts: Sendable, Equatable {
    public var emotion: String
    /// Empty when the corpus does not say.
    public var speaker: String
    /// Length in seconds, as loaded.
    public var duration: Double

    public init(emotion: String, speaker: String, duration: Double) {
        self.emotion = emotion
        self.speaker = speaker
        self.duration = duration
    }
}

/// A mono signal and its rate.
public struct Signal: Sendable {
    public var samples: [Float]
    public var sampleRate: Int

    public init(samples: [Float], sampleRate: Int) {
        self.samples = samples
        self.sampleRate = sampleRate
    }

    public var duration: Double { Double(samples.count) / Double(sampleRate) }
}

/// A log-mel spectrogram in decibels, as `librosa.power_to_db(melspectrogram(y), ref=np.max)` gives
/// it: `melCount` × `frameCount` values, row-major, row 0 the lowest band.
public struct MelImage: Sendable {
    public var values: [Double]
    public var melCount: Int
    public var frameCount: Int
    /// Seconds the frames span.
    public var duration: Double

    public init(values: [Double], melCount: Int, frameCount: Int, duration: Double) {
        precondition(values.count == melCount * frameCount, "\(values.count) values for \(melCount) × \(frameCount)")
        self.values = values
        self.melCount = melCount
        self.frameCount = frameCount
        self.duration = duration
    }
}

/// One clip followed through the processing steps, for the process figures.
public struct ProcessingExample: Sendable {
    public var emotion: String
    /// The clip's name as the report shows it.
    public var clip: String
    /// Each step's name and its output, in order: original, normalised, trimmed, fixed length, denoised.
    public var steps: [(name: String, signal: Signal)]
    /// The log-mel spectrogram before and after noise reduction, when noise reduction ran.
    public var spectrograms: (before: MelImage, after: MelImage)?
    /// The samples of the step before "trimmed" that trimming kept (`librosa.effects.trim`'s index),
    /// so the figure can shade what it cut; nil when trimming did not run or the span is not known.
    public var trimmedSpan: Range<Int>?

    public init(
        emotion: String, clip: String, steps: [(name: String, signal: Signal)],
        spectrograms: (before: MelImage, after: MelImage)?, trimmedSpan: Range<Int>? = nil
    ) {
        self.emotion = emotion
        self.clip = clip
        self.steps = steps
        self.spectrograms = spectrograms
        self.trimmedSpan = trimmedSpan
    }
}

/// A value measured in each fold of a cross-validation, with its mean.
public struct FoldScores: Sendable, Equatable {
    public var folds: [Double]

    public init(_ folds: [Double]) { self.folds = folds }

    public var mean: Double { folds.isEmpty ? .nan : folds.reduce(0, +) / Double(folds.count) }

    /// The population standard deviation over folds (0 for one fold).
    public var spread: Double {
        guard folds.count > 1 else { return 0 }
        let mean = mean
        return (folds.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(folds.count)).squareRoot()
    }
}

/// One model's evaluation, as the evaluate figures draw it.
public struct ModelEvaluation: Sendable {
    /// The short name used in files (`rf`, `xgb`, `svm`, `mlp`).
    public var name: String
    /// The name people read ("Random forest").
    public var title: String
    /// Class names, in confusion-matrix order.
    public var labels: [String]
    /// `confusion[true][predicted]` clip counts over all test folds.
    public var confusion: [[Int]]
    /// F1 per class, in `labels` order.
    public var f1: [Double]
    public var accuracy: FoldScores
    public var uar: FoldScores
    public var macroF1: FoldScores
    /// Accuracy on each speaker's clips when that speaker was in a test fold.
    public var speakerAccuracy: [(speaker: String, accuracy: Double)]

    public init(
        name: String, title: String, labels: [String], confusion: [[Int]], f1: [Double], accuracy: FoldScores,
        uar: FoldScores, macroF1: FoldScores, speakerAccuracy: [(speaker: String, accuracy: Double)]
    ) {
        self.name = name
        self.title = title
        self.labels = labels
        self.confusion = confusion
        self.f1 = f1
        self.accuracy = accuracy
        self.uar = uar
        self.macroF1 = macroF1
        self.speakerAccuracy = speakerAccuracy
    }
}

/// An MLP's training history in one fold: the loss on the training data and the score on the
/// validation split after each epoch.
public struct TrainingCurve: Sendable {
    public var fold: Int
    public var loss: [Double]
    public var validationScore: [Double]

    public init(fold: Int, loss: [Double], validationScore: [Double]) {
        self.fold = fold
        self.loss = loss
        self.validationScore = validationScore
    }
}
