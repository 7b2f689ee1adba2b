package import SERPlot
package import SERSettings

/// `report:` in `serreport.yml`: which documents and figure files a build writes, and where the
/// templates a project edits live.
package struct ReportSettings: SettingGroup, Equatable {
    package var formats: [ReportFormat] = [.html, .pdf]
    /// One HTML file with every figure inlined (SVG where smaller, else PNG) instead of files.
    package var selfContained = false
    package var figureFormats: [FigureFormat] = [.png, .svg, .pdf]
    /// The project's report templates (page, section, CSS, `cells/<cell>.mustache`), relative to the
    /// working folder: each file present replaces the built-in one; a missing folder is fine.
    package var templates = "templates"

    package init() {}

    package static let schema = SettingSchema<ReportSettings>([
        Setting(
            "formats", \.formats, "documents written: index.html and/or report.pdf",
            allowed: .all(.atLeastOne(), .unique())),
        Setting(
            "self_contained", \.selfContained, "one index.html with every figure inlined (SVG or PNG, the smaller)"),
        Setting(
            "figure_formats", \.figureFormats,
            "files each figure is written as (a PNG is written too whenever the HTML page is, which shows PNGs)",
            allowed: .all(.atLeastOne(), .unique())),
        Setting(
            "templates", \.templates,
            "the report's templates (page, section, CSS, cells/<cell>.mustache): each file here replaces the built-in one",
            allowed: .nonEmpty),
    ])
}

/// A report document a build can write.
package enum ReportFormat: String, SettingEnum {
    /// `index.html`.
    case html
    /// `report.pdf`.
    case pdf
}
