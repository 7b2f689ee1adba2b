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

    /// The cell narratives from ``reportTemplates``, checked the same way.
    func cellNarratives() throws(CellError) -> CellNarratives {
        do {
            return try CellNarratives(templates: reportTemplates)
        } catch {
            throw CellError(cell: "report", message: error.description)
        }
    }
}
