// `serreport-bench gru --data DIR [--frames FILE] [--loso]`: the `gru` model's speaker-independent UAR and
// training time on a corpus, before it is wired into `train.models` (issue 14). Each clip is processed and
// its per-frame descriptors extracted with the default settings (every row of every default group, one
// frame vector per hop); `--frames FILE` keeps them between runs. Folds: 5 speaker-independent (or one per
// speaker with `--loso`); in each, the training fold's speakers are split again, a fifth of them (at least
// one) held out for early stopping.
import Foundation
import SERAudio
import SERCells
import SERCorpus
import SERDSP
import SERLearn

struct FrameCorpus: Codable {
    var width: Int
    var emotions: [String]
    var labels: [Int]
    var speakers: [String]
    var frames: [[Double]]
}

func frameCorpus(data: String) throws -> FrameCorpus {
    let corpus = try Corpus.open(data)
    let settings = Settings()
    var analyzer = settings.clipAnalyzer()
    let emotions = Array(Set(corpus.clips.map(\.emotion))).sorted()
    var result = FrameCorpus(width: 0, emotions: emotions, labels: [], speakers: [], frames: [])
    for clip in corpus.clips {
        guard let analysis = try? analyzer.analyze(path: clip.location) else { continue }
        let rows = analysis.features.frames.flatMap(\.rows)
        let frames = rows.first?.count ?? 0
        result.width = rows.count
        var values = [Double](repeating: 0, count: frames * rows.count)
        for (d, row) in rows.enumerated() {
            for t in 0..<frames { values[t * rows.count + d] = row[t] }
        }
        result.frames.append(values)
        result.labels.append(emotions.firstIndex(of: clip.emotion)!)
        result.speakers.append(clip.speaker)
    }
    return result
}

func deepBench(arguments: [String]) throws {
    func value(_ flag: String) -> String? {
        arguments.firstIndex(of: flag).flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil }
    }
    guard let data = value("--data") else {
        FileHandle.standardError.write(Data("usage: serreport-bench gru --data DIR [--frames FILE] [--loso]\n".utf8))
        exit(2)
    }
    let start = Date()
    let corpus: FrameCorpus
    if let file = value("--frames"), let stored = try? Data(contentsOf: URL(fileURLWithPath: file)) {
        corpus = try PropertyListDecoder().decode(FrameCorpus.self, from: stored)
    } else {
        corpus = try frameCorpus(data: data)
        if let file = value("--frames") {
            let encoder = PropertyListEncoder()
            encoder.outputFormat = .binary
            try encoder.encode(corpus).write(to: URL(fileURLWithPath: file))
        }
    }
    print("clips \(corpus.frames.count), width \(corpus.width), frames read in \(Date().timeIntervalSince(start)) s")
    var frames = corpus.frames
    if let stride = value("--stride").flatMap(Int.init), stride > 1 {
        // Consecutive frames averaged in groups of `stride` (a shorter sequence; NaN where any is NaN).
        let width = corpus.width
        frames = frames.map { sequence in
            let count = sequence.count / width
            return (0..<((count + stride - 1) / stride)).flatMap { group in
                (0..<width).map { d in
                    let members = (group * stride)..<min(count, group * stride + stride)
                    return members.map { sequence[$0 * width + d] }.reduce(0, +) / Double(members.count)
                }
            }
        }
    }
    if arguments.contains("--speaker-norm") {
        // Each speaker's frames standardised by that speaker's own frames (labels unused).
        for speaker in Set(corpus.speakers) {
            let members = corpus.speakers.indices.filter { corpus.speakers[$0] == speaker }
            let scaler = FrameStandardizer(fitting: members.map { frames[$0] }, width: corpus.width)
            for member in members {
                frames[member] = frames[member].enumerated().map { index, value in
                    let d = index % corpus.width
                    return value.isFinite ? (value - scaler.mean[d]) / scaler.scale[d] : value
                }
            }
        }
    }
    var parameters = RecurrentTrainingParameters()
    if let hidden = value("--hidden").flatMap(Int.init) { parameters.hiddenSize = hidden }
    if let epochs = value("--epochs").flatMap(Int.init) { parameters.epochs = epochs }
    if let rate = value("--lr").flatMap(Double.init) { parameters.learningRate = rate }
    if let noise = value("--noise").flatMap(Double.init) { parameters.noise = noise }
    if let dropout = value("--dropout").flatMap(Double.init) { parameters.dropout = dropout }
    if let patience = value("--patience").flatMap(Int.init) { parameters.patience = patience }
    if let batch = value("--batch").flatMap(Int.init) { parameters.batchSize = batch }
    if let averaging = value("--averaging").flatMap(Double.init) { parameters.averaging = averaging }
    if let decay = value("--decay").flatMap(Double.init) { parameters.weightDecay = decay }
    let seed = value("--seed").flatMap(UInt64.init) ?? 42
    let plan = try FoldPlan(
        arguments.contains("--loso") ? .leaveOneSpeakerOut : .speakerIndependent, labels: corpus.labels,
        speakers: corpus.speakers, folds: 5, seed: 42)
    let classCount = corpus.emotions.count
    var confusion = [[Int]](repeating: [Int](repeating: 0, count: classCount), count: classCount)
    var foldUARs: [Double] = []
    let training = Date()
    for (index, fold) in plan.folds.enumerated() {
        let speakers = Array(Set(fold.train.map { corpus.speakers[$0] })).sorted()
        var generator = SeededGenerator(seed: SeededGenerator.derived(from: seed, UInt64(index)))
        let held = Set(speakers.shuffled(using: &generator).prefix(max(1, speakers.count / 5)))
        let fit = fold.train.filter { !held.contains(corpus.speakers[$0]) }
        let validation = fold.train.filter { held.contains(corpus.speakers[$0]) }
        let foldStart = Date()
        let members = value("--ensemble").flatMap(Int.init) ?? 1
        var model: RecurrentModel!
        var probabilities = [[Double]](
            repeating: [Double](repeating: 0, count: classCount), count: fold.test.count)
        for member in 0..<members {
            model = RecurrentTraining.fit(
                sequences: fit.map { frames[$0] }, labels: fit.map { corpus.labels[$0] },
                validation: validation.map { frames[$0] }, validationLabels: validation.map { corpus.labels[$0] },
                width: corpus.width, classCount: classCount, parameters: parameters,
                seed: SeededGenerator.derived(from: seed, 100 + UInt64(index), UInt64(member)))
            let memberProbabilities = model.probabilities(fold.test.map { frames[$0] })
            for row in probabilities.indices {
                for k in 0..<classCount { probabilities[row][k] += memberProbabilities[row][k] / Double(members) }
            }
        }
        var foldConfusion = [[Int]](repeating: [Int](repeating: 0, count: classCount), count: classCount)
        for (row, clip) in fold.test.enumerated() {
            let p = probabilities[row]
            var predicted = 0
            for k in 1..<classCount where p[k] > p[predicted] { predicted = k }
            confusion[corpus.labels[clip]][predicted] += 1
            foldConfusion[corpus.labels[clip]][predicted] += 1
        }
        let uar = unweightedRecall(foldConfusion)
        foldUARs.append(uar)
        let curve = model.curve.map { String(format: "%.2f", $0.validationUAR) }.joined(separator: " ")
        print(
            String(
                format: "fold %d: UAR %.3f, epoch %d of %d, %.1f s, %d parameters; validation UAR %@", index, uar,
                model.chosenEpoch, model.curve.count, Date().timeIntervalSince(foldStart),
                model.network.parameterCount, curve))
    }
    let mean = foldUARs.reduce(0, +) / Double(foldUARs.count)
    let deviation = (foldUARs.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(foldUARs.count)).squareRoot()
    print(
        String(
            format: "pooled UAR %.3f, fold mean %.3f ± %.3f, training %.1f s", unweightedRecall(confusion), mean,
            deviation, Date().timeIntervalSince(training)))
}

func unweightedRecall(_ confusion: [[Int]]) -> Double {
    let recalls = confusion.enumerated().compactMap { label, row -> Double? in
        let support = row.reduce(0, +)
        return support > 0 ? Double(row[label]) / Double(support) : nil
    }
    return recalls.reduce(0, +) / Double(max(recalls.count, 1))
}
