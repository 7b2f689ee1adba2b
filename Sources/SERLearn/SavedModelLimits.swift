/// The largest saved models serreport reads back, so that a damaged or hostile file's claims
/// (a header saying ten billion support vectors, a class count of a million) are refused before
/// anything is allocated for them. Each is far above what a real corpus trains.
package enum SavedModelLimits {
    /// Emotions (classes) a model may predict.
    package static let classes = 1000
    /// Features a model may take.
    package static let features = 100_000
    /// Bytes of one model file (`rf.json`, `mlp.json`, `xgb.json`, `svm.model`): 4 GiB.
    package static let modelFileBytes = 4 << 30
    /// Memory reading one JSON file may take, as ``SavedModelFile/checkDecodingCost(_:)`` estimates
    /// it: 4 GiB (a sixth of this project's 24 GiB machines).
    package static let decodingBytes = 4 << 30
    /// Bytes of one of the small files beside them (scaler, labels, settings, `metrics.json`): 64 MiB.
    package static let smallFileBytes = 64 << 20
}
