import Foundation
import FuzzSupport
import SERCells
import SERLearn

/// The model files `serreport predict` reads from a report folder, as a damaged or hostile folder might
/// hold them: the first byte picks the file — rf.json, mlp.json, svm.model, xgb.json, labels.json,
/// scaler.json, logreg.json, gru.json, cnn.json or fusion.json — and the rest is its content. A model that loads
/// must then predict a row (the deep models: a short clip of frames) without trapping or looping; anything else
/// is refused with one line.
func fuzzModels(_ data: Data) {
    guard let choice = data.first else { return }
    let content = Data(data.dropFirst())
    // The features and classes of the small Samples report the seeds come from (3 emotions; 4 MFCCs,
    // 3 chroma bins, 2 contrast bands: 24 summary values).
    let featureCount = 24
    let classCount = 3
    do {
        switch choice % 10 {
        case 0, 1, 2, 3, 6:
            let kind: ModelKind = [0: .rf, 1: .mlp, 2: .svm, 3: .xgb, 6: .logreg][choice % 10]!
            let model = try kind.load(content, featureCount: featureCount, classCount: classCount)
            _ = try model.predict(Matrix(rows: [[Double](repeating: 0.5, count: featureCount)]))
        case 4:
            _ = try ClassLabels.load(json: content)
        case 5:
            _ = try ScalerFile.load(json: content)
        case 7:
            let model = try ModelKind.gru.load(content, featureCount: featureCount, classCount: classCount)
            if let recurrent = model as? RecurrentClassifier {
                let width = recurrent.model.network.inputSize
                _ = recurrent.probabilities(sequences: [[Double](repeating: 0.5, count: 3 * width)])
            }
        case 8:
            let model = try ModelKind.cnn.load(content, featureCount: featureCount, classCount: classCount)
            if let convolutional = model as? ConvolutionalClassifier {
                let network = convolutional.model.network
                _ = convolutional.probabilities(sequences: [
                    [Double](repeating: 0.5, count: network.smallestSize * network.bands)
                ])
            }
        default:
            _ = try ModelKind.fusion.load(content, featureCount: featureCount, classCount: classCount)
        }
    } catch let error as LearnError {
        FuzzTarget.expectOneLine(error.message, "model \(choice % 10)")
    } catch {
        FuzzTarget.expectOneLine("\(error)", "model \(choice % 10)")
    }
}

#if FUZZING
    /// libFuzzer's entry point (only in `make fuzz` builds: a test bundle links every target).
    @_cdecl("LLVMFuzzerTestOneInput")
    func fuzzerTestOneInput(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> Int32 {
        fuzzModels(FuzzTarget.data(bytes, count))
        return 0
    }
#endif
