import SERSettings

/// How clips are split into training and test sets: the field's speaker-independent protocols, or
/// the random splits most published notebooks use (which over-state accuracy when a speaker's clips
/// land on both sides).
package enum EvaluationProtocol: String, Sendable, CaseIterable, Codable, SettingEnum {
    /// Stratified group k-fold with speakers as groups (scikit-learn's `StratifiedGroupKFold`).
    case speakerIndependent = "speaker-independent"
    /// One fold per speaker (`LeaveOneGroupOut`).
    case leaveOneSpeakerOut = "leave-one-speaker-out"
    /// Random stratified k-fold (`StratifiedKFold(shuffle=True)`), ignoring speakers.
    case stratified
    /// One random stratified split, 80 % training, 20 % test.
    case holdout
}

/// One training/test split, as ascending row indices.
package struct Fold: Sendable, Equatable, Codable {
    package var train: [Int]
    package var test: [Int]
}

/// The folds a protocol gives for a corpus, which protocol was used in the end, and any fallback
/// taken, in words the report shows.
package struct FoldPlan: Sendable, Equatable {
    package var requested: EvaluationProtocol
    package var used: EvaluationProtocol
    package var folds: [Fold]
    /// Sentences for the report: a fallback and why, or a warning about the protocol.
    package var notes: [String]

    /// Plans `protocol` with `folds` folds for rows labelled `labels` (class indices) and spoken by
    /// `speakers` (empty strings when unknown).
    ///
    /// Fallbacks, each stated in ``notes``: without at least two known speakers a speaker protocol
    /// becomes `stratified`; with fewer speakers than folds, speaker-independent uses one fold per
    /// speaker; stratified k-fold uses at most as many folds as the smallest class has clips. It
    /// throws for a single class, a class with one clip, or fewer than two rows.
    package init(
        _ requested: EvaluationProtocol, labels: [Int], speakers: [String], folds: Int = 5, seed: UInt64
    ) throws {
        precondition(labels.count == speakers.count, "\(labels.count) labels, \(speakers.count) speakers")
        guard labels.count >= 2 else {
            throw LearnError(
                .tooFewRows,
                "there \(labels.count == 1 ? "is 1 clip" : "are \(labels.count) clips"); evaluation needs at least 2")
        }
        let counts = Dictionary(grouping: labels.indices, by: { labels[$0] }).mapValues(\.count)
        guard counts.count >= 2 else {
            throw LearnError(.unusableLabels, "every clip has the same emotion; a classifier needs at least two")
        }
        self.requested = requested
        var notes: [String] = []
        var used = requested
        let known = Set(speakers.filter { !$0.isEmpty })
        if requested == .speakerIndependent || requested == .leaveOneSpeakerOut,
            known.count < 2 || speakers.contains(where: \.isEmpty)
        {
            used = .stratified
            notes.append(
                known.count < 2
                    ? "Fewer than two speakers are known, so clips were split at random (stratified \(folds)-fold) instead of \(requested.rawValue); accuracy is over-stated if a speaker's clips are on both sides."
                    : "Some clips have no speaker, so clips were split at random (stratified \(folds)-fold) instead of \(requested.rawValue)."
            )
        }
        if used == .stratified && requested == .stratified && known.count >= 2 {
            notes.append(
                "Clips were split at random, so the same speaker appears in training and test folds: this over-states accuracy by 15–30 points compared with speaker-independent evaluation."
            )
        }
        if used == .holdout && known.count >= 2 {
            notes.append(
                "Clips were split at random into one 80/20 split, so the same speaker appears in training and test: this over-states accuracy by 15–30 points compared with speaker-independent evaluation, and one split's score varies more than a k-fold mean."
            )
        }
        self.used = used
        switch used {
        case .speakerIndependent:
            var k = folds
            if known.count < folds {
                k = known.count
                notes.append("Only \(known.count) speakers, so \(k) folds (one speaker each) instead of \(folds).")
            }
            self.folds = Self.stratifiedGroupKFold(labels: labels, groups: speakers, folds: k)
        case .leaveOneSpeakerOut:
            let ordered = known.sorted()
            self.folds = ordered.map { speaker in
                Fold(
                    train: speakers.indices.filter { speakers[$0] != speaker },
                    test: speakers.indices.filter { speakers[$0] == speaker })
            }
        case .stratified:
            let smallest = counts.values.min() ?? 0
            guard smallest >= 2 else {
                let label = counts.first { $0.value == smallest }?.key ?? 0
                throw LearnError(
                    .unusableProtocol,
                    "class \(label) has \(smallest) clip; cross-validation needs at least 2 per class")
            }
            var k = folds
            if smallest < folds {
                k = smallest
                notes.append("The smallest class has \(smallest) clips, so \(k) folds instead of \(folds).")
            }
            self.folds = Self.stratifiedKFold(labels: labels, folds: k, seed: seed)
        case .holdout:
            let split = Split.stratifiedHoldout(labels: labels, fraction: 0.2, seed: seed)
            guard !split.held.isEmpty else {
                throw LearnError(.unusableProtocol, "no class has 2 clips to hold one out")
            }
            self.folds = [Fold(train: split.training, test: split.held)]
        }
        // A test fold whose emotions training never saw cannot be recognised at all: say so, or a UAR near 0
        // reads as a model's failure rather than the corpus's make-up.
        let unseen = self.folds.filter { fold in
            let trained = Set(fold.train.map { labels[$0] })
            return fold.test.contains { !trained.contains(labels[$0]) }
        }
        if !unseen.isEmpty {
            let clips = unseen.reduce(0) { total, fold in
                let trained = Set(fold.train.map { labels[$0] })
                return total + fold.test.filter { !trained.contains(labels[$0]) }.count
            }
            notes.append(
                "In \(unseen.count) of \(self.folds.count) folds the test clips include emotions no training clip of that fold has (\(clips) clips in all, mostly speakers who alone show an emotion): no model can recognise those clips, and the scores understate what the features could do."
            )
        }
        self.notes = notes
    }

    /// scikit-learn's `StratifiedGroupKFold(n_splits: folds)` (no shuffle): groups in order of
    /// decreasing spread of their class counts, each put in the fold where the classes' shares stay
    /// most even (ties: the fold with fewer clips, then the first).
    static func stratifiedGroupKFold(labels: [Int], groups: [String], folds: Int) -> [Fold] {
        let classes = Set(labels).sorted()
        let classIndex = Dictionary(uniqueKeysWithValues: classes.enumerated().map { ($1, $0) })
        let names = Set(groups).sorted()
        let groupIndex = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
        var countsPerGroup = [[Double]](repeating: [Double](repeating: 0, count: classes.count), count: names.count)
        var classTotals = [Double](repeating: 0, count: classes.count)
        for (label, group) in zip(labels, groups) {
            countsPerGroup[groupIndex[group]!][classIndex[label]!] += 1
            classTotals[classIndex[label]!] += 1
        }
        func deviation(_ values: [Double]) -> Double {
            let mean = values.reduce(0, +) / Double(values.count)
            return (values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(values.count)).squareRoot()
        }
        // A stable sort by decreasing standard deviation (numpy argsort kind="mergesort" on −std).
        let order = names.indices.map { ($0, deviation(countsPerGroup[$0])) }
            .enumerated().sorted { ($0.element.1, $1.offset) > ($1.element.1, $0.offset) }.map(\.element.0)
        var countsPerFold = [[Double]](repeating: [Double](repeating: 0, count: classes.count), count: folds)
        var groupsPerFold = [Set<Int>](repeating: [], count: folds)
        for group in order {
            var best = 0
            var bestScore = Double.infinity
            var bestSize = Double.infinity
            for fold in 0..<folds {
                for c in classes.indices { countsPerFold[fold][c] += countsPerGroup[group][c] }
                let spread = classes.indices.map { c in
                    deviation((0..<folds).map { countsPerFold[$0][c] / classTotals[c] })
                }
                for c in classes.indices { countsPerFold[fold][c] -= countsPerGroup[group][c] }
                let score = spread.reduce(0, +) / Double(classes.count)
                let size = countsPerFold[fold].reduce(0, +)
                let close = abs(score - bestScore) <= 1e-8 + 1e-5 * abs(bestScore)
                if score < bestScore || (close && size < bestSize) {
                    (best, bestScore, bestSize) = (fold, score, size)
                }
            }
            for c in classes.indices { countsPerFold[best][c] += countsPerGroup[group][c] }
            groupsPerFold[best].insert(group)
        }
        return groupsPerFold.map { members in
            Fold(
                train: groups.indices.filter { !members.contains(groupIndex[groups[$0]]!) },
                test: groups.indices.filter { members.contains(groupIndex[groups[$0]]!) })
        }.filter { !$0.test.isEmpty }
    }

    /// Stratified k-fold with a seeded shuffle: each class's rows shuffled, then dealt to the folds in turn.
    static func stratifiedKFold(labels: [Int], folds: Int, seed: UInt64) -> [Fold] {
        var random = SeededGenerator(seed: seed)
        var foldOf = [Int](repeating: 0, count: labels.count)
        var next = 0
        for label in Set(labels).sorted() {
            var members = labels.indices.filter { labels[$0] == label }
            members.shuffle(using: &random)
            for member in members {
                foldOf[member] = next % folds
                next += 1
            }
        }
        return (0..<folds).map { fold in
            Fold(
                train: labels.indices.filter { foldOf[$0] != fold }, test: labels.indices.filter { foldOf[$0] == fold })
        }
    }
}
