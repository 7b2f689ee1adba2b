import SERFiles

/// The stamp of each clip's file when the build took its content digest (``FileDigests``), by corpus
/// path. A cell that reads a clip's file compares the stamp the file had once read with this one: a file
/// changed meanwhile (rewritten while the build ran) was not the version its digest, the key of every
/// cached result of the clip, stands for — its results are dropped for this build, never cached under
/// the old content's key, and the next build reads it again.
struct ClipStamps: Sendable {
    let stamps: [String: FileStamp]

    static let none = ClipStamps(stamps: [:])

    /// After a read of the file at `location` failed: why the failure says nothing lasting about the clip
    /// at `path`, if the file is no longer the version the build's digest stands for (changed, or gone).
    /// The failure may have met the other version, so it must not be remembered under this digest.
    func changeAfterFailure(of path: String, at location: String) -> String? {
        guard let expected = stamps[path] else { return nil }
        guard let now = FileStamp(path: location), now == expected else {
            return "changed while this build read it (not remembered: the next build reads it again)"
        }
        return nil
    }

    /// Why the file read for `path` cannot be used for this build, if it is not the version the build's
    /// digest stands for; `nil` when it is (or either stamp is unknown).
    func change(of path: String, readAs stamp: FileStamp?) -> String? {
        guard let expected = stamps[path], let stamp, stamp != expected else { return nil }
        return "changed while this build read it (its digest was taken from the version before; not "
            + "remembered: the next build reads it again)"
    }
}
