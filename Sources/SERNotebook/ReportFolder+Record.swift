package import Foundation
import SERFiles

/// `.serreport-files`: which files of a folder serreport wrote, and which build wrote them.
///
/// ```
/// # serreport wrote these files (build 4711-0123456789abcdef); any other file here is yours and is kept
/// index.html
/// figures/load-durations.png
/// ```
struct FolderRecord: Equatable {
    /// The build that wrote the folder (``ReportFolder/token``).
    var build: String
    /// Paths relative to the folder.
    var files: Set<String>

    /// The largest record read (a damaged or hostile one is not read whole).
    static let sizeLimit = 16 << 20

    func encoded() -> Data {
        let header =
            "# serreport wrote these files (build \(build)); any other file here is yours and is kept\n"
        return Data((header + files.sorted().map { $0 + "\n" }.joined()).utf8)
    }

    /// Parses a record; lines that are not a plain relative path inside the folder are ignored, so a
    /// damaged record can only make serreport own less.
    init?(_ data: Data) {
        let text = String(decoding: data, as: UTF8.self)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: true)
        guard let header = lines.first, header.hasPrefix("# serreport wrote these files (build ") else { return nil }
        build = String(header.dropFirst("# serreport wrote these files (build ".count).prefix { $0 != ")" })
        files = Set(lines.dropFirst().map(String.init).filter(Self.isPlainPath))
    }

    init(build: String, files: Set<String>) {
        self.build = build
        self.files = files
    }

    /// `a/b.png`: relative, no empty, `.` or `..` part, not the record itself.
    static func isPlainPath(_ path: String) -> Bool {
        guard !path.isEmpty, !path.hasPrefix("/"), path != ReportFolder.recordName, !path.contains("\0") else {
            return false
        }
        return path.split(separator: "/", omittingEmptySubsequences: false).allSatisfy {
            !$0.isEmpty && $0 != "." && $0 != ".."
        }
    }

    /// The record in `folder` (absolute): `nil` when there is none; an error when something other than
    /// a readable record is there (serreport cannot then tell its files from the user's).
    static func read(in folder: String, shown: String) throws(NotebookError) -> FolderRecord? {
        let path = folder + "/" + ReportFolder.recordName
        switch FileCalls.facts(path) {
        case .success(nil): return nil
        case .success(let facts?) where !facts.isRegular:
            throw NotebookError(
                "\(shown): is \(facts.phrase), not serreport's record of the files it wrote; move it away")
        case .failure(let error): throw NotebookError("\(shown): cannot read (\(error.reason))")
        case .success: break
        }
        guard let data = FileCalls.contents(of: path, limit: sizeLimit), let record = FolderRecord(data) else {
            throw NotebookError(
                "\(shown): cannot be read as serreport's record of the files it wrote; move it away")
        }
        return record
    }
}

extension ReportFolder {
    /// Whether the folder holds a record of serreport's files (a report from before records existed
    /// has none: ``publish(_:formerOutputs:finishing:log:)`` can adopt its files by name).
    package var hasRecord: Bool {
        guard case .success(let facts?) = FileCalls.facts(location(Self.recordName)) else { return false }
        return facts.isRegular
    }

    /// A regular file of the folder, read without following links or blocking (for deciding whether
    /// a folder without a record is an older serreport report).
    package func regularFile(_ relative: String, limit: Int = 1 << 20) -> Data? {
        FileCalls.contents(of: location(relative), limit: limit)
    }
}

extension ReportFolder {
    /// The build that wrote the report folder at `path` (from its record), or `nil` without a readable
    /// record. A reader of several files compares it before and after: a build swaps a whole new folder
    /// in at once, and every build has its own token, so the same token at both ends means every file
    /// read came from that one build.
    package static func buildToken(of path: String) -> String? {
        FileCalls.contents(of: path + "/" + recordName, limit: FolderRecord.sizeLimit).flatMap(FolderRecord.init)?.build
    }
}
