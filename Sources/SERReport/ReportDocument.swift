import Foundation

/// What a report says, independent of how it is rendered (HTML page or PDF).
///
/// Every string is plain text; renderers escape it. Paths are relative to the report folder.
package struct ReportDocument: Sendable, Codable, Equatable {
    package var title: String
    package var subtitle: String
    /// Headline figures shown under the title, e.g. ("clips", "180"), ("best UAR", "0.52 (svm)").
    package var highlights: [ReportPair]
    /// Where the report came from: corpus, protocol, serreport version, git commit, config digest.
    package var provenance: [ReportPair]
    /// Warnings a reader must see before the results (e.g. a random split that over-states accuracy).
    package var notices: [String]
    package var sections: [ReportSection]
    /// Files the build could not use, with the reason.
    package var skipped: [ReportPair]
    /// Machine-readable files written beside the report.
    package var downloads: [ReportLink]
    package var generator: String

    package init(
        title: String, subtitle: String, highlights: [ReportPair], provenance: [ReportPair] = [],
        notices: [String] = [], sections: [ReportSection], skipped: [ReportPair], downloads: [ReportLink],
        generator: String
    ) {
        self.title = title
        self.subtitle = subtitle
        self.highlights = highlights
        self.provenance = provenance
        self.notices = notices
        self.sections = sections
        self.skipped = skipped
        self.downloads = downloads
        self.generator = generator
    }
}

/// A key and its value, for highlights, parameters and skip lists.
package struct ReportPair: Sendable, Codable, Equatable {
    package var key: String
    package var value: String

    package init(_ key: String, _ value: String) {
        self.key = key
        self.value = value
    }
}

/// A link to a file beside the report.
package struct ReportLink: Sendable, Codable, Equatable {
    package var label: String
    package var href: String

    package init(label: String, href: String) {
        self.label = label
        self.href = href
    }
}

/// One cell of the notebook as the report shows it.
package struct ReportSection: Sendable, Codable, Equatable {
    /// Anchor id, e.g. `load`.
    package var id: String
    package var title: String
    /// What the cell does, in prose: paragraphs separated by blank lines.
    package var narrative: String {
        didSet { paragraphs = Self.paragraphs(of: narrative) }
    }
    /// The narrative's paragraphs (split at blank lines), for renderers; kept in step with `narrative`.
    package private(set) var paragraphs: [String]
    package var parameters: [ReportPair]
    /// e.g. "0.84 s".
    package var timing: String
    /// The cell's cache state in this build: "ran", "cached", "failed" or "not run".
    package var state: String
    /// Why the cell failed, when it did: shown as an error block in place of its results.
    package var error: String?
    package var figures: [ReportFigure]
    package var tables: [ReportTable]

    package init(
        id: String, title: String, narrative: String, parameters: [ReportPair], timing: String,
        state: String = "ran", error: String? = nil, figures: [ReportFigure], tables: [ReportTable]
    ) {
        self.id = id
        self.title = title
        self.narrative = narrative
        paragraphs = Self.paragraphs(of: narrative)
        self.parameters = parameters
        self.timing = timing
        self.state = state
        self.error = error
        self.figures = figures
        self.tables = tables
    }

    enum CodingKeys: String, CodingKey {
        case id, title, narrative, parameters, timing, state, error, figures, tables
    }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            id: try container.decode(String.self, forKey: .id),
            title: try container.decode(String.self, forKey: .title),
            narrative: try container.decode(String.self, forKey: .narrative),
            parameters: try container.decode([ReportPair].self, forKey: .parameters),
            timing: try container.decode(String.self, forKey: .timing),
            state: try container.decode(String.self, forKey: .state),
            error: try container.decodeIfPresent(String.self, forKey: .error),
            figures: try container.decode([ReportFigure].self, forKey: .figures),
            tables: try container.decode([ReportTable].self, forKey: .tables))
    }

    private static func paragraphs(of narrative: String) -> [String] {
        narrative.components(separatedBy: "\n\n").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            .filter { !$0.isEmpty }
    }
}

/// A figure: the image shown, its caption, and links to every format it was written in.
package struct ReportFigure: Sendable, Codable, Equatable {
    package var title: String
    package var caption: String
    /// The PNG shown on the page.
    package var image: String
    /// The figure as PDF, when it was written in that format: the PDF report embeds it as vectors.
    package var vector: String?
    /// Size in points (CSS pixels); the PNG has twice as many pixels.
    package var width: Int
    package var height: Int
    package var formats: [ReportLink]

    package init(
        title: String, caption: String, image: String, vector: String? = nil, width: Int, height: Int,
        formats: [ReportLink]
    ) {
        self.title = title
        self.caption = caption
        self.image = image
        self.vector = vector
        self.width = width
        self.height = height
        self.formats = formats
    }
}

/// A small table: header and rows of text cells.
package struct ReportTable: Sendable, Codable, Equatable {
    package var caption: String
    package var columns: [String]
    package var rows: [ReportRow]

    package init(caption: String, columns: [String], rows: [[String]]) {
        self.caption = caption
        self.columns = columns
        self.rows = rows.map(ReportRow.init)
    }
}

/// One table row (a named wrapper so templates can iterate rows, then cells).
package struct ReportRow: Sendable, Codable, Equatable {
    package var cells: [String]
}
