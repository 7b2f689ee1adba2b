import FuzzSupport

#if !FUZZING
    /// Without libFuzzer: replays the files or folders given on the command line.
    @main
    enum Replay {
        static func main() { FuzzTarget.replay(fuzzAudio) }
    }
#endif
