import SERReport

/// Files of a corpus whose audio is byte for byte the same (the same SHA-256): a copy under another
/// name, another label or another speaker. Split into different folds, a duplicate is scored by a
/// model that trained on it, so the report warns about every group.
struct DuplicateAudio {
    /// Groups of two or more clips with the same content, by first path.
    let groups: [[LoadedClip]]

    init(_ clips: [LoadedClip]) {
        groups = Dictionary(grouping: clips, by: \.content).values.filter { $0.count > 1 }
            .map { $0.sorted { $0.path < $1.path } }.sorted { $0[0].path < $1[0].path }
    }

    /// One warning for the report's header, or none.
    var notices: [String] {
        guard !groups.isEmpty else { return [] }
        let files = groups.map(\.count).reduce(0, +)
        let labels = groups.filter { Set($0.map(\.emotion)).count > 1 }.count
        var notice =
            "\(files) files hold the same audio as another file (\(groups.count) \(groups.count == 1 ? "group" : "groups")): a copy split across "
            + "folds leaks between training and test, so scores are inflated. The load section lists them."
        if labels > 0 {
            notice +=
                labels == 1 ? " 1 group carries different emotions." : " \(labels) groups carry different emotions."
        }
        return [notice]
    }

    var tables: [ReportTable] {
        guard !groups.isEmpty else { return [] }
        return [
            ReportTable(
                caption: "Files with identical audio (remove the copies or give each group one speaker)",
                columns: ["files", "emotion", "speaker"],
                rows: groups.map { group in
                    [
                        group.map(\.path).joined(separator: " = "),
                        Set(group.map(\.emotion)).sorted().joined(separator: ", "),
                        Set(group.map(\.speaker)).sorted().joined(separator: ", "),
                    ]
                })
        ]
    }
}
