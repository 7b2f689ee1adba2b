import SERFigures
import Testing

@testable import SERCells

@Suite struct IllustrativeEvaluationTests {
    @Test(arguments: 1...10)
    func everyClipIsCountedOnce(classes: Int) {
        let emotions = (0..<classes).map { "e\($0)" }
        for model in IllustrativeEvaluation.models(emotions: emotions, speakers: ["a", "b"]) {
            #expect(model.confusion.count == classes)
            for row in model.confusion {
                #expect(row.count == classes)
                #expect(row.allSatisfy { $0 >= 0 })
                #expect((40...60).contains(row.reduce(0, +)))
            }
            #expect(model.f1.allSatisfy { (0...1).contains($0) })
            #expect(model.speakerAccuracy.map(\.speaker) == ["a", "b"])
        }
    }

    @Test func sameInputSameNumbers() {
        let a = IllustrativeEvaluation.models(emotions: ["x", "y", "z"], speakers: ["s"])
        let b = IllustrativeEvaluation.models(emotions: ["x", "y", "z"], speakers: ["s"])
        #expect(a.map(\.confusion) == b.map(\.confusion))
    }
}
