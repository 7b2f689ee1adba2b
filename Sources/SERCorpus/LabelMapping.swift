package import SERSettings

/// `labels:` in `serreport.yml`: rename or merge a corpus's emotions, then keep some of them.
///
/// `map` renames each clip's emotion once (`calm: neutral` merges RAVDESS's calm into neutral; names
/// are not chained, so `{a: b, b: c}` turns a into b, not c). `keep` then selects emotions by their
/// mapped names; empty keeps all. Clips left out by `keep` are not skipped files: the report counts
/// them in a note.
package struct LabelMapping: SettingGroup, Equatable {
    /// Old emotion name → new name.
    package var map: [String: String] = [:]
    /// The emotions to keep, after mapping; empty keeps every emotion.
    package var keep: [String] = []

    package init() {}

    /// A mapping of the given renames and kept emotions.
    package init(map: [String: String], keep: [String]) {
        self.map = map
        self.keep = keep
    }

    package static let schema = SettingSchema<LabelMapping>([
        Setting(
            "map", \.map, "emotions renamed or merged, old: new, e.g. {calm: neutral}", allowed: .namesNotEmpty),
        Setting(
            "keep", \.keep, "emotions kept after map, e.g. [neutral, happy, sad, angry]; [] keeps all",
            allowed: .all(.each(.nonEmpty), .unique())),
    ])

    /// The clips with emotions renamed and only the kept ones left, and one note per change made.
    func apply(to clips: [Clip]) -> (clips: [Clip], notes: [String]) {
        var notes: [String] = []
        var clips = clips
        if !map.isEmpty {
            var renamed: [String: Int] = [:]
            for index in clips.indices {
                if let new = map[clips[index].emotion] {
                    renamed[clips[index].emotion, default: 0] += 1
                    clips[index].emotion = new
                }
            }
            for (old, new) in map.sorted(by: { $0.key < $1.key }) {
                let count = renamed[old] ?? 0
                notes.append(
                    count == 0
                        ? "labels.map: \(old) → \(new) matches no clip (no emotion is called \(old))"
                        : "labels.map: \(old) → \(new) (\(counted(count, "clip")))")
            }
        }
        guard !keep.isEmpty else { return (clips, notes) }
        let kept = Set(keep)
        let present = Set(clips.map(\.emotion))
        let left = Dictionary(grouping: clips.filter { !kept.contains($0.emotion) }, by: \.emotion)
        if !left.isEmpty {
            let counts = left.keys.sorted().map { "\($0) \(left[$0]?.count ?? 0)" }.joined(separator: ", ")
            let total = left.values.map(\.count).reduce(0, +)
            notes.append(
                "labels.keep: \(counted(total, "clip")) of \(counted(left.count, "other emotion")) left out (\(counts)); kept "
                    + keep.filter(present.contains).joined(separator: ", "))
        }
        let absent = keep.filter { !present.contains($0) }
        if !absent.isEmpty {
            notes.append("labels.keep: no clip is labelled \(absent.joined(separator: ", "))")
        }
        return (clips.filter { kept.contains($0.emotion) }, notes)
    }

    private func counted(_ count: Int, _ noun: String) -> String { "\(count) \(noun)\(count == 1 ? "" : "s")" }
}
