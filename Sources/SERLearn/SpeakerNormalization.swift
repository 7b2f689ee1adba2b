/// Speaker-level feature normalisation (Schuller et al., "Speaker independent speech emotion
/// recognition by ensemble classification", 2005; standard in the field's challenge baselines):
/// each speaker's rows are z-scored with that speaker's own mean and standard deviation (ddof 0), so
/// a model sees how a clip differs from how its speaker usually sounds. It uses no labels, and each
/// speaker only their own clips, so a test speaker's statistics never come from training speakers.
package enum SpeakerNormalization {
    /// `features` with every row z-scored within its speaker's rows; a feature constant for a speaker
    /// is only centred. Rows with an empty speaker name are left as they are.
    package static func normalized(_ features: Matrix, speakers: [String]) -> Matrix {
        precondition(features.rows == speakers.count, "\(features.rows) rows, \(speakers.count) speakers")
        var result = features
        // Rows grouped once: filtering all rows per speaker was quadratic when every clip has its own.
        let rowsBySpeaker = Dictionary(grouping: speakers.indices, by: { speakers[$0] })
        for speaker in rowsBySpeaker.keys.sorted() where !speaker.isEmpty {
            let rows = rowsBySpeaker[speaker] ?? []
            let scaler = Standardizer(fitting: features.selecting(rows: rows))
            let scaled = scaler.transform(features.selecting(rows: rows))
            for (position, row) in rows.enumerated() {
                for column in 0..<features.columns { result[row, column] = scaled[position, column] }
            }
        }
        return result
    }

    /// The mean over speakers of each speaker's feature means and deviations (deviations of 0 become
    /// 1): how a typical speaker of the corpus sounds, for normalising a clip whose speaker is unknown.
    /// Nil when no row has a speaker.
    package static func typicalSpeaker(_ features: Matrix, speakers: [String]) -> (mean: [Double], scale: [Double])? {
        let rowsBySpeaker = Dictionary(grouping: speakers.indices, by: { speakers[$0] })
        let names = rowsBySpeaker.keys.sorted().filter { !$0.isEmpty }
        guard !names.isEmpty else { return nil }
        var mean = [Double](repeating: 0, count: features.columns)
        var scale = [Double](repeating: 0, count: features.columns)
        for name in names {
            let scaler = Standardizer(fitting: features.selecting(rows: rowsBySpeaker[name] ?? []))
            for column in 0..<features.columns {
                mean[column] += scaler.mean[column] / Double(names.count)
                scale[column] += scaler.scale[column] / Double(names.count)
            }
        }
        return (mean, scale)
    }

    /// `features` z-scored with a given mean and deviation per column.
    package static func normalized(_ features: Matrix, mean: [Double], scale: [Double]) -> Matrix {
        var result = features
        for row in 0..<features.rows {
            for column in 0..<features.columns {
                result[row, column] = (features[row, column] - mean[column]) / (scale[column] > 0 ? scale[column] : 1)
            }
        }
        return result
    }
}
