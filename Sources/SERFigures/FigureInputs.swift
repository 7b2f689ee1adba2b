/// What the load figures need to know of one clip.
package struct ClipFacts: Sendable, Equatable {
    package var emotion: String
    /// Empty when the corpus does not say.
    package var speaker: String
    /// Length in seconds, as loaded.
    package var duration: Double

    package init(emotion: String, speaker: String, duration: Double) {
        self.emotion = emotion
        self.speaker = speaker
        self.duration = duration
    }
}

/// A mono signal and its rate.
package struct Signal: Sendable {
    package var samples: [Float]
    package var sampleRate: Int

    package init(samples: [Float], sampleRate: Int) {
        self.samples = samples
        self.sampleRate = sampleRate
    }

    package var duration: Double { Double(samples.count) / Double(sampleRate) }
}

/// A log-mel spectrogram in decibels, as `librosa.power_to_db(melspectrogram(y), ref=np.max)` gives
/// it: `melCount` × `frameCount` values, row-major, row 0 the lowest band.
package struct MelImage: Sendable {
    package var values: [Double]
    package var melCount: Int
    package var frameCount: Int
    /// Seconds the frames span.
    package var duration: Double

    package init(values: [Double], melCount: Int, frameCount: Int, duration: Double) {
        precondition(values.count == melCount * frameCount, "\(values.count) values for \(melCount) × \(frameCount)")
        self.values = values
        self.melCount = melCount
        self.frameCount = frameCount
        self.duration = duration
    }
}

/// One clip followed through the processing steps, for the process figures.
package struct ProcessingExample: Sendable {
    package var emotion: String
    /// The clip's name as the report shows it.
    package var clip: String
    /// Each step's name and its output, in order: original, normalised, trimmed, fixed length, denoised.
    package var steps: [(name: String, signal: Signal)]
    /// The log-mel spectrogram before and after noise reduction, when noise reduction ran.
    package var spectrograms: (before: MelImage, after: MelImage)?
    /// The samples of the step before "trimmed" that trimming kept (`librosa.effects.trim`'s index),
    /// so the figure can shade what it cut; nil when trimming did not run or the span is not known.
    package var trimmedSpan: Range<Int>?

    package init(
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
package struct FoldScores: Sendable, Equatable {
    package var folds: [Double]

    package init(_ folds: [Double]) { self.folds = folds }

    package var mean: Double { folds.isEmpty ? .nan : folds.reduce(0, +) / Double(folds.count) }

    /// The population standard deviation over folds (0 for one fold).
    package var spread: Double {
        guard folds.count > 1 else { return 0 }
        let mean = mean
        return (folds.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(folds.count)).squareRoot()
    }
}

/// One model's evaluation, as the evaluate figures draw it.
package struct ModelEvaluation: Sendable {
    /// The short name used in files (`rf`, `xgb`, `svm`, `mlp`).
    package var name: String
    /// The name people read ("Random forest").
    package var title: String
    /// Class names, in confusion-matrix order.
    package var labels: [String]
    /// `confusion[true][predicted]` clip counts over all test folds.
    package var confusion: [[Int]]
    /// F1 per class, in `labels` order.
    package var f1: [Double]
    package var accuracy: FoldScores
    package var uar: FoldScores
    package var macroF1: FoldScores
    /// Accuracy on each speaker's clips when that speaker was in a test fold.
    package var speakerAccuracy: [(speaker: String, accuracy: Double)]

    package init(
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
package struct TrainingCurve: Sendable {
    package var fold: Int
    package var loss: [Double]
    package var validationScore: [Double]
    /// The epoch (0-based) whose weights were kept, when training keeps its best epoch's.
    package var chosenEpoch: Int?

    package init(fold: Int, loss: [Double], validationScore: [Double]) {
        self.fold = fold
        self.loss = loss
        self.validationScore = validationScore
    }
}
