package import Foundation

/// What a build last made of a cell: its key and what went into it. Kept per report folder in
/// `.serreport/state/`, so `serreport status` can say why a cell is stale.
package struct CellRecord: Codable, Sendable, Equatable {
    package var key: Digest
    package var version: Int
    package var parameters: ParameterList
    package var sources: SourceSet
    package var inputs: [String: Digest]
    /// Why the build that made this record did not store the cell's result (``CellOutcome/notStored``).
    package var notStored: String?

    package init(cell: any Cell, key: Digest, inputKeys: [String: Digest]) {
        self.key = key
        version = cell.version
        parameters = cell.parameters
        sources = cell.sources
        inputs = inputKeys
    }

    /// Why a cell with this record is not the cell as it stands now, most telling reason first.
    func reasons(comparedTo now: CellRecord, staleInputs: [String]) -> [String] {
        var reasons: [String] = []
        if version != now.version { reasons.append("code changed (cell version \(version) → \(now.version))") }
        reasons += now.parameters.changes(since: parameters)
        let sourceChange = Self.describe(from: sources, to: now.sources)
        if !sourceChange.isEmpty { reasons.append(sourceChange) }
        for input in now.inputs.keys.sorted() where inputs[input] != now.inputs[input] {
            reasons.append(staleInputs.contains(input) ? "\(input) is stale" : "\(input) changed")
        }
        return reasons
    }

    /// "3 clips added, 1 changed, 2 removed".
    static func describe(from old: SourceSet, to new: SourceSet) -> String {
        let added = new.digests.keys.filter { old.digests[$0] == nil }.count
        let removed = old.digests.keys.filter { new.digests[$0] == nil }.count
        let changed = new.digests.keys.filter { old.digests[$0] != nil && old.digests[$0] != new.digests[$0] }.count
        let counts = [(added, "added"), (changed, "changed"), (removed, "removed")].filter { $0.0 > 0 }
        guard let first = counts.first else { return "" }
        let noun = first.0 == 1 ? singular(new.noun) : new.noun
        let parts = ["\(first.0) \(noun) \(first.1)"] + counts.dropFirst().map { "\($0.0) \($0.1)" }
        return parts.joined(separator: ", ")
    }

    private static func singular(_ noun: String) -> String {
        noun.hasSuffix("s") ? String(noun.dropLast()) : noun
    }
}

/// The records of one report folder's last build, one JSON file per cell.
package struct RecordBook: Sendable {
    package let folder: URL

    package init(folder: URL) { self.folder = folder }

    package func record(of cell: String) -> CellRecord? {
        guard let data = StoredFile.read(folder.appendingPathComponent("\(cell).json")) else { return nil }
        return try? JSONDecoder().decode(CellRecord.self, from: data)
    }

    package func save(_ record: CellRecord, for cell: String) throws(NotebookError) {
        let data: Data
        do {
            data = try JSONEncoder.stable.encode(record)
        } catch {
            throw NotebookError("\(cell): cannot encode its record (\(error))")
        }
        try ArtifactStore.writeAtomically(data, to: folder.appendingPathComponent("\(cell).json"))
    }
}
