package import Foundation
import SERFiles

#if canImport(Glibc)
    import Glibc
#endif

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
    /// `serreport templates init`. A file that exists with other text is kept unless `force`. A
    /// template that is a symbolic link is read and written through it; a folder, FIFO, socket or
    /// device where a template goes stops the command before it writes anything.
    /// - Parameter shown: the folder as the user wrote it, for the paths in the result and in errors.
    /// - Returns: what happened to each file, in path order.
    package static func install(into folder: URL, shownAs shown: String, force: Bool) throws(ReportError)
        -> [Installed]
    {
        try checkFolder(folder, shown: shown)
        var targets: [(name: String, url: URL, path: String, existing: Data?)] = []
        for name in files.keys.sorted() {
            let path = ReportTemplates.join(shown, name)
            let url = folder.appendingPathComponent(name).resolvingSymlinksInPath()
            let attributes = try? FileManager.default.attributesOfItem(atPath: url.path)
            let type = attributes?[.type] as? FileAttributeType
            if let type, type != .typeRegular {
                throw ReportError(path: path, reason: "is \(phrase(type)), not a template file; move it away")
            }
            targets.append(
                (
                    name, url, path,
                    type == nil ? nil : (try? RegularFile.read(url.path, limit: ReportTemplates.fileLimit)) ?? Data()
                ))
        }
        var done: [Installed] = []
        for target in targets {
            let data = Data(files[target.name]!.utf8)
            if let existing = target.existing {
                if existing == data {
                    done.append(.unchanged(target.path))
                    continue
                }
                if !force {
                    done.append(.kept(target.path))
                    continue
                }
            }
            do {
                try FileManager.default.createDirectory(
                    at: target.url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try data.write(to: target.url, options: .atomic)
            } catch {
                throw ReportError(path: target.path, reason: "cannot write (\(reason(error)))")
            }
            done.append(.wrote(target.path))
        }
        return done
    }

    /// The folder must be one, or be creatable: the nearest part of it that exists must be a folder.
    private static func checkFolder(_ folder: URL, shown: String) throws(ReportError) {
        var candidate = folder.standardizedFileURL
        while true {
            if let type = try? FileManager.default.attributesOfItem(atPath: candidate.resolvingSymlinksInPath().path)[
                .type] as? FileAttributeType
            {
                guard type == .typeDirectory else {
                    throw ReportError(
                        path: shown,
                        reason: candidate == folder.standardizedFileURL
                            ? "is \(phrase(type)), not a folder" : "cannot be a folder: \(candidate.path) is a file")
                }
                return
            }
            let above = candidate.deletingLastPathComponent()
            if above.path == candidate.path { return }
            candidate = above
        }
    }

    /// "a folder", "a named pipe (FIFO)", … in ``FileKind``'s words.
    private static func phrase(_ type: FileAttributeType) -> String {
        switch type {
        case .typeRegular: "a regular file"
        case .typeDirectory: FileKind.folder.phrase
        case .typeSymbolicLink: "a symbolic link to nothing"
        case .typeCharacterSpecial: FileKind.characterDevice.phrase
        case .typeBlockSpecial: FileKind.blockDevice.phrase
        case .typeSocket: FileKind.socket.phrase
        default: FileKind.namedPipe.phrase
        }
    }

    /// A write error's reason in the system's words ("Permission denied", "No space left on device").
    private static func reason(_ error: any Error) -> String {
        let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
        if let code = underlying?.code, underlying?.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(code)))
        }
        return error.localizedDescription
    }
}
