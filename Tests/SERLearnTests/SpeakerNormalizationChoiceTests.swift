import Testing

@testable import SERLearn

/// `train.speaker_normalization: auto` (``SpeakerNormalizationChoice``) on synthetic speakers whose
/// voices shift every feature: it must normalise where each speaker shows every emotion and not where
/// each shows one.
@Suite struct SpeakerNormalizationChoiceTests {
    /// 8 speakers, 3 emotions, 12 clips per speaker and emotion shown; each speaker's voice adds an
    /// offset of deviation 1 to all four features, emotion `c` adds 2.5 to feature `c`, noise 0.5.
    /// `confounded`: speaker `s` shows emotion `s mod 3` only.
    static func corpus(confounded: Bool) -> (features: Matrix, labels: [Int], speakers: [String]) {
        var random = SeededGenerator(seed: 11)
        var values: [Double] = []
        var labels: [Int] = []
        var speakers: [String] = []
        for speaker in 0..<8 {
            let voice = (0..<4).map { _ in random.nextGaussian() }
            for emotion in 0..<3 where !confounded || emotion == speaker % 3 {
                for _ in 0..<12 {
                    values += (0..<4).map { voice[$0] + ($0 == emotion ? 2.5 : 0) + 0.5 * random.nextGaussian() }
                    labels.append(emotion)
                    speakers.append("s\(speaker)")
                }
            }
        }
        return (Matrix(rows: labels.count, columns: 4, values: values), labels, speakers)
    }

    static func decide(_ mode: SpeakerNormalizationMode, confounded: Bool, workers: Int = 2)
        -> [SpeakerNormalizationDecision]
    {
        let data = corpus(confounded: confounded)
        let everyRow = Array(data.labels.indices)
        // Without speakers 6 and 7, each emotion is still shown by two speakers when confounded.
        let six = everyRow.filter { Int(data.speakers[$0].dropFirst())! < 6 }
        return SpeakerNormalizationChoice.decide(
            mode, rowSets: [everyRow, six], features: data.features, labels: data.labels, classCount: 3,
            speakers: data.speakers, innerFolds: 3, settings: ModelParameters(), seed: 42, workers: workers)
    }

    @Test func autoNormalisesWhenEverySpeakerShowsEveryEmotion() {
        let decisions = Self.decide(.auto, confounded: false)
        for decision in decisions {
            #expect(decision.applied && decision.basis == .innerFolds, "\(decision)")
            #expect(decision.innerUAROn! > decision.innerUAROff! + 0.05, "\(decision)")
        }
    }

    @Test func autoLeavesItOffWhenEachSpeakerShowsOneEmotion() {
        let decisions = Self.decide(.auto, confounded: true)
        for decision in decisions {
            #expect(!decision.applied && decision.basis == .innerFolds, "\(decision)")
            #expect(decision.innerUAROff! > decision.innerUAROn!, "\(decision)")
        }
    }

    @Test func onAndOffAreTheSettingAndAutoDoesNotDependOnWorkers() {
        #expect(Self.decide(.on, confounded: true).allSatisfy { $0.applied && $0.basis == .setting })
        #expect(Self.decide(.off, confounded: false).allSatisfy { !$0.applied && $0.basis == .setting })
        #expect(Self.decide(.auto, confounded: false, workers: 1) == Self.decide(.auto, confounded: false, workers: 3))
    }

    @Test func withoutTwoKnownSpeakersItStaysOff() {
        let data = Self.corpus(confounded: false)
        let decisions = SpeakerNormalizationChoice.decide(
            .auto, rowSets: [Array(data.labels.indices)], features: data.features, labels: data.labels,
            classCount: 3, speakers: Array(repeating: "", count: data.labels.count), innerFolds: 3,
            settings: ModelParameters(), seed: 42, workers: 2)
        #expect(
            decisions == [SpeakerNormalizationDecision(applied: false, basis: .tooFewSpeakers, note: decisions[0].note)]
        )
        #expect(!decisions[0].note.isEmpty)
    }

    /// scipy.stats.binom.sf(wins - 1, wins + losses, 0.5): 0.2706 (14 vs 10), 0.02844 (60 vs 40),
    /// 0.96875 (1 vs 4), 0.03125 (5 vs 0).
    @Test func theSignTestIsMcNemarsExactOneSidedP() {
        let cases: [(Int, Int, Double)] = [
            (14, 10, 0.27062809467315674), (60, 40, 0.028443966820490444), (1, 4, 0.96875), (5, 0, 0.03125),
        ]
        for (wins, losses, p) in cases {
            let ours = SpeakerNormalizationChoice.oneSidedSignTest(wins: wins, losses: losses)
            #expect(abs(ours - p) < 1e-12, "\(wins) vs \(losses): \(ours)")
        }
        #expect(SpeakerNormalizationChoice.oneSidedSignTest(wins: 0, losses: 0) == 1)
    }
}
