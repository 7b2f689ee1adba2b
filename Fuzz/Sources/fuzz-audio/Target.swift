import Foundation
import FuzzSupport
import SERAudio

/// The audio decode path as a damaged or hostile file reaches it: the first byte picks the file's
/// extension (wav, flac, ogg, mp3, aiff), the rest is its content, written to a scratch file and
/// loaded as the load step does (libsndfile or libmpg123, our header and limit checks, pydub's peak
/// normalisation, the mono mix and soxr resampling to 22,050 Hz). libsndfile and libmpg123 are fuzzed
/// upstream; what serreport does with what they return is fuzzed here. A file may be refused with
/// one line naming it; a file that loads gives finite samples at 22,050 Hz, as many as its length says.
func fuzzAudio(_ data: Data) {
    guard let choice = data.first else { return }
    let extensions = ["wav", "flac", "ogg", "mp3", "aiff"]
    let path = scratchFolder + "/clip." + extensions[Int(choice) % extensions.count]
    writeScratch(data.dropFirst(), to: path)
    do {
        let audio = try loader.load(path: path)
        let seconds = Double(audio.sourceFrameCount) / Double(audio.sourceSampleRate)
        let expected = Resampler.outputLength(
            inputLength: audio.sourceFrameCount, from: audio.sourceSampleRate, to: 22_050)
        if audio.samples.count != expected {
            fatalError("\(audio.samples.count) samples from \(seconds) s, expected \(expected)")
        }
        if let bad = audio.samples.first(where: { !$0.isFinite }) {
            fatalError("a loaded sample is \(bad)")
        }
    } catch {
        FuzzTarget.expectOneLine(error.description, path)
        if !error.description.contains(path) { fatalError("the error does not name the file: \(error)") }
    }
}

/// One loader for every input, as one build worker keeps its resamplers between clips.
nonisolated(unsafe) let loader = AudioLoader(sampleRate: 22_050, normalizer: PeakNormalizer(headroomDB: 0.1))

/// Writes the input with plain `write` calls: Foundation's file writing syncs to disk, which took
/// three fifths of the time of each input.
func writeScratch(_ bytes: Data, to path: String) {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
    guard descriptor >= 0 else { fatalError("cannot write the scratch file \(path)") }
    defer { close(descriptor) }
    let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
    guard written == bytes.count else { fatalError("cannot write the scratch file \(path)") }
}

/// One scratch folder per process (libFuzzer may run several jobs side by side), in memory when
/// /dev/shm is there, removed at exit.
let scratchFolder: String = {
    let base = FileManager.default.isWritableFile(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
    let folder = base + "/serreport-fuzz-audio-\(getpid())"
    try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    atexit { try? FileManager.default.removeItem(atPath: scratchFolder) }
    return folder
}()

#if FUZZING
    /// libFuzzer's entry point (only in `make fuzz` builds: a test bundle links every target).
    @_cdecl("LLVMFuzzerTestOneInput")
    func fuzzerTestOneInput(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> Int32 {
        fuzzAudio(FuzzTarget.data(bytes, count))
        return 0
    }
#endif
