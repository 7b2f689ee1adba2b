import CSV
package import Foundation

extension Corpus {
    /// Reads a CSV manifest (`path,emotion[,speaker,gender,…]`, paths relative to the manifest's folder
    /// or absolute): the `csv` layout.
    static func read(manifest: URL, name: String, chosenBy layout: CorpusLayout) throws(CorpusError) -> Corpus {
        let text = try InputText.read(manifest.path, noun: "a CSV manifest")
        let reason =
            layout == .csv
            ? "csv: set by corpus: csv; the clips are the rows of \(manifest.lastPathComponent)"
            : "csv: the clips are the rows of \(manifest.lastPathComponent), a CSV manifest"
        return try parse(
            manifest: text, named: manifest.path, root: manifest.deletingLastPathComponent(), corpusName: name,
            note: reason)
    }

    /// Reads manifest text: a header naming at least `path` and `emotion`, then one clip per line.
    ///
    /// Every line after the header is a clip or a skipped entry with its reason (`manifest.csv line 12:
    /// unclosed quote`); blank lines are counted in a note. A file listed twice, however its path is
    /// spelled (``ManifestPath``), is read from its first line; the later line is skipped, naming both.
    /// Touches no file (the fuzz target `fuzz-manifest` calls it).
    package static func parse(
        manifest text: String, named source: String, root: URL, corpusName: String, note: String
    ) throws(CorpusError) -> Corpus {
        // Skipped rows are named by the manifest's file name: the report holds no absolute paths.
        let manifestName = URL(fileURLWithPath: source).lastPathComponent
        let lines = ManifestLine.lines(of: text)
        guard let headerIndex = lines.firstIndex(where: { !$0.isBlank }) else {
            throw CorpusError("\(source): empty; a manifest starts with a header naming at least path and emotion")
        }
        let columns = try ManifestColumns(lines[headerIndex], source: source)
        let rootPath = root.standardizedFileURL.path
        var clips: [Clip] = []
        /// Skipped lines by line number, to list in the manifest's order.
        var rejected: [(line: Int, file: SkippedFile)] = []
        var blank: [Int] = []
        /// The line each clip path was first listed on, and its emotion there.
        var listed: [String: (line: Int, emotion: String)] = [:]
        var wellFormed: [ManifestLine] = []
        for line in lines[(headerIndex + 1)...] {
            if line.isBlank {
                blank.append(line.number)
            } else if let problem = line.quotingProblem {
                rejected.append(
                    (line.number, SkippedFile(path: "\(manifestName) line \(line.number)", reason: problem)))
            } else {
                wellFormed.append(line)
            }
        }
        for (line, row) in zip(wellFormed, ManifestLine.rows(of: wellFormed)) {
            let here = "\(manifestName) line \(line.number)"
            let written = columns.field(row, columns.path)
            guard !written.isEmpty else {
                rejected.append((line.number, SkippedFile(path: here, reason: "no path")))
                continue
            }
            guard !written.utf8.contains(0) else {
                rejected.append((line.number, SkippedFile(path: here, reason: "the path holds a NUL character")))
                continue
            }
            let path = ManifestPath.normalized(written, root: rootPath)
            guard !path.isEmpty else {
                rejected.append(
                    (line.number, SkippedFile(path: here, reason: "the path \(written) names a folder, not a file")))
                continue
            }
            let emotion = columns.label(row, columns.emotion)
            if let first = listed[path] {
                let labels =
                    first.emotion == emotion
                    ? ""
                    : "; this line says \(emotion.isEmpty ? "no emotion" : emotion), "
                        + "line \(first.line) says \(first.emotion.isEmpty ? "none" : first.emotion)"
                let reason = "lists \(path) again, first listed on line \(first.line), whose row is used\(labels)"
                rejected.append((line.number, SkippedFile(path: here, reason: reason)))
                continue
            }
            listed[path] = (line.number, emotion)
            guard !emotion.isEmpty else {
                rejected.append((line.number, SkippedFile(path: path, reason: "unlabelled (no emotion in \(here))")))
                continue
            }
            clips.append(
                Clip(
                    path: path, location: path.hasPrefix("/") ? path : rootPath + "/" + path, emotion: emotion,
                    speaker: columns.label(row, columns.speaker), gender: columns.label(row, columns.gender)))
        }
        clips.sort { $0.path < $1.path }
        var notes = [note]
        if !blank.isEmpty {
            let shown = blank.prefix(5).map(String.init).joined(separator: ", ") + (blank.count > 5 ? ", …" : "")
            let lines = blank.count == 1 ? "line" : "lines"
            notes.append("\(manifestName): \(blank.count) blank \(lines) passed over (\(lines) \(shown))")
        }
        return Corpus(
            name: corpusName, root: root, clips: clips, rejected: rejected.sorted { $0.line < $1.line }.map(\.file),
            adapter: CorpusLayout.csv.rawValue,
            notes: notes)
    }
}

/// Where a manifest's header puts the columns serreport reads.
private struct ManifestColumns {
    let path: Int
    let emotion: Int
    let speaker: Int?
    let gender: Int?

    init(_ header: ManifestLine, source: String) throws(CorpusError) {
        let here = "\(source): line \(header.number), the header"
        if let problem = header.quotingProblem { throw CorpusError("\(here): \(problem)") }
        let names = ((try? CSVReader(string: String(header.text), trimFields: true))?.next() ?? []).map {
            $0.lowercased()
        }
        for name in ["path", "emotion", "speaker", "gender"] {
            let places = names.indices.filter { names[$0] == name }
            if places.count > 1 {
                throw CorpusError(
                    "\(here): names the column \(name) \(places.count) times (columns "
                        + places.map { "\($0 + 1)" }.joined(separator: ", ") + ")")
            }
        }
        guard let path = names.firstIndex(of: "path"), let emotion = names.firstIndex(of: "emotion") else {
            let separator = [";", "\t", "|"].first { header.text.contains($0) && !header.text.contains(",") }
            let hint =
                separator.map { " (it looks separated by '\($0 == "\t" ? "\\t" : $0)': serreport reads commas)" } ?? ""
            throw CorpusError("\(here): must name at least the columns path and emotion\(hint)")
        }
        self.path = path
        self.emotion = emotion
        speaker = names.firstIndex(of: "speaker")
        gender = names.firstIndex(of: "gender")
    }

    /// A row's field in `column`, or empty when the row is shorter.
    /// A field's text without the invisible format characters a spreadsheet or editor can leave in it
    /// (a byte order mark, zero-width spaces and joiners, a soft hyphen): `happy\u{FEFF}` would be an
    /// emotion that looks like `happy` in every table and is another class.
    func label(_ row: [String], _ column: Int?) -> String {
        let text = field(row, column)
        guard text.unicodeScalars.contains(where: Self.isInvisible) else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.filter { !Self.isInvisible($0) }))
    }

    func field(_ row: [String], _ column: Int?) -> String {
        guard let column, column < row.count else { return "" }
        return row[column]
    }

    private static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0xFEFF, 0x200B...0x200D, 0x2060, 0x00AD: true
        default: false
        }
    }
}
