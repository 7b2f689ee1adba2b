import Foundation
import SERLearn
import Testing

/// A manifest's speaker column can hold anything, a different id on every clip included: speaker
/// normalisation groups rows by speaker once, so its time grows with the clips, not their square
/// (which at 20 000 speakers would be 4·10^8 comparisons: the time limit below catches that hang, it
/// is not a speed claim — speed lives in Benchmarks/).
@Suite("Hostile: a speaker column with a different speaker on every clip")
struct HostileSpeakerTests {
    @Test(
        "20 000 clips of 20 000 speakers are normalised, each row centred on itself",
        .timeLimit(.minutes(20)))
    func everyClipItsOwnSpeaker() {
        let count = 20_000
        let features = Matrix(rows: count, columns: 3, values: (0..<(count * 3)).map { Double($0 % 97) })
        let speakers = (0..<count).map { "speaker-\($0)" }
        let normalized = SpeakerNormalization.normalized(features, speakers: speakers)
        let typical = SpeakerNormalization.typicalSpeaker(features, speakers: speakers)
        // One clip per speaker: each row minus its own mean is zero.
        #expect(normalized == Matrix(rows: count, columns: 3, values: [Double](repeating: 0, count: count * 3)))
        #expect(typical?.scale.allSatisfy { abs($0 - 1) < 1e-9 } == true)
    }

    @Test("grouping keeps each speaker's rows in order, whatever order the speakers come in")
    func groupsInOrder() {
        let features = Matrix(rows: [[1], [10], [3], [30], [5], [7]])
        let speakers = ["b", "a", "b", "a", "", "b"]
        let normalized = SpeakerNormalization.normalized(features, speakers: speakers)
        let b = (1.0 + 3 + 7) / 3
        let bScale = (((1 - b) * (1 - b) + (3 - b) * (3 - b) + (7 - b) * (7 - b)) / 3).squareRoot()
        #expect(abs(normalized[0, 0] - (1 - b) / bScale) < 1e-12)
        #expect(abs(normalized[1, 0] - -1) < 1e-12 && abs(normalized[3, 0] - 1) < 1e-12)
        #expect(normalized[4, 0] == 5)
    }
}
