package import Foundation

extension BuiltInTemplates {
    /// What ``install(into:shownAs:force:)`` did with one file.
    package enum Installed: Equatable, Sendable {
        /// Written (created, or overwritten with `force`).
        case wrote(String)
        /// There already, with the built-in text.
        case unchanged(String)
        /// There already with other text, and left as it is (no `force`).
        case kept(String)
    }

    /// Writes every built-in template into `folder` (created if missing), for a project to change:
    /// `serreport templates init`. A file that exists with other text is kept unless `force`.
    /// - Parameter shown: the folder as the user wrote it, for the paths in the result and in errors.
    /// - Returns: what happened to each file, in path order.
    package static func install(into folder: URL, shownAs shown: String, force: Bool) throws(ReportError)
        -> [Installed]
    {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder), !isFolder.boolValue {
            throw ReportError(path: shown, reason: "is a file, not a folder")
        }
        var done: [Installed] = []
        for (name, text) in files.sorted(by: { $0.key < $1.key }) {
            let url = folder.appendingPathComponent(name)
            let path = ReportTemplates.join(shown, name)
            let data = Data(text.utf8)
            if FileManager.default.fileExists(atPath: url.path) {
                if (try? Data(contentsOf: url)) == data {
                    done.append(.unchanged(path))
                    continue
                }
                if !force {
                    done.append(.kept(path))
                    continue
                }
            }
            do {
                try FileManager.default.createDirectory(
                    at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try data.write(to: url, options: .atomic)
            } catch {
                throw ReportError(path: path, reason: "cannot write (\(error.localizedDescription))")
            }
            done.append(.wrote(path))
        }
        return done
    }
}
