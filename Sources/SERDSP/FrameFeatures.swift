/// All per-frame features of one clip, in ``FeatureKind`` order, each with the same frame count,
/// and the tuning chroma was computed with.
///
/// Encodes as a JSON object from feature name to its list of rows, like the reference's `frames`
/// (`{"rms": [[...]], "zcr": [[...]], "mfcc": [[...], ...], ...}`). ``chromaTuning`` is not part
/// of that object (the reference keeps it in `meta.chroma_tuning`), so decoding leaves it nil.
package struct FrameFeatures: Sendable, Hashable {
    /// One named feature matrix.
    package struct Entry: Sendable, Hashable {
        package let kind: FeatureKind
        package let matrix: FeatureMatrix

        package init(kind: FeatureKind, matrix: FeatureMatrix) {
            self.kind = kind
            self.matrix = matrix
        }
    }

    /// The features, in ``FeatureKind`` order.
    package let entries: [Entry]
    /// The tuning estimated for chroma (`estimate_tuning`, fractions of a chroma bin, a multiple of
    /// 0.01 in -0.5 ..< 0.5), or nil when chroma was not computed here.
    package let chromaTuning: Double?

    /// Orders `entries` by kind. Each kind may appear once, and all must share one frame count.
    package init(_ entries: [Entry], chromaTuning: Double? = nil) {
        let ordered = entries.sorted { Self.position($0.kind) < Self.position($1.kind) }
        precondition(Set(ordered.map(\.kind)).count == ordered.count, "a feature kind appears twice")
        precondition(
            Set(ordered.map(\.matrix.frameCount)).count <= 1, "features of one clip must share a frame count")
        self.entries = ordered
        self.chromaTuning = chromaTuning
    }

    /// Frames per feature (`1 + n // hop`), 0 when there are no features.
    package var frameCount: Int { entries.first?.matrix.frameCount ?? 0 }

    /// The matrix of `kind`, if it was extracted.
    package subscript(kind: FeatureKind) -> FeatureMatrix? {
        entries.first { $0.kind == kind }?.matrix
    }

    private static func position(_ kind: FeatureKind) -> Int {
        FeatureKind.allCases.firstIndex(of: kind) ?? FeatureKind.allCases.count
    }
}

extension FrameFeatures: Codable {
    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: FeatureKind.self)
        let entries = try container.allKeys.map { kind in
            Entry(kind: kind, matrix: try container.decode(FeatureMatrix.self, forKey: kind))
        }
        guard Set(entries.map(\.matrix.frameCount)).count <= 1 else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "features differ in frame count"))
        }
        self.init(entries)
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: FeatureKind.self)
        for entry in entries { try container.encode(entry.matrix, forKey: entry.kind) }
    }
}
