import Foundation
import SERReport

extension Notebook {
    /// The project's report templates: the folder `report.templates` names (relative to the working
    /// folder), file by file, and the built-in copy for every file it does not have.
    var reportTemplates: ReportTemplates {
        ReportTemplates(folder: settings.report.templates, relativeTo: project)
    }

    /// The page renderer from ``reportTemplates``, read and checked before any cell runs, so a broken
    /// template fails at once with one line naming its file and line.
    func htmlReport() throws(CellError) -> HTMLReport {
        do {
            return try HTMLReport(templates: reportTemplates)
        } catch {
            throw CellError(cell: "report", message: error.description)
        }
    }

    /// The cell narratives from ``reportTemplates``, checked the same way; first the folder itself (one
    /// the user named must exist) and a warning for files in it no template is named like.
    func cellNarratives() throws(CellError) -> CellNarratives {
        do {
            let unused = try reportTemplates.unusedFiles(defaultFolder: ReportSettings().templates)
            if !unused.isEmpty {
                log(
                    "warning: \(unused.joined(separator: ", ")): no template has this name, so it is not used "
                        + "(`serreport templates` lists the names)")
            }
            return try CellNarratives(templates: reportTemplates)
        } catch {
            throw CellError(cell: "report", message: error.description)
        }
    }
}
