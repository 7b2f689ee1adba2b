import SERPlot
import SERTestSupport
import Testing

@Suite struct ExampleFigureTests {
    /// Writes the one-waveform-per-emotion figure in every format; run with `SERPLOT_PREVIEW_DIR=/tmp/plot-check`
    /// to keep the files and look at them.
    @Test func waveformsPerEmotionInEveryFormat() throws {
        let folder = try OutputFolder()
        let figure = ExampleFigures.waveformsPerEmotion()
        for format in FigureFormat.allCases {
            let name = "load-waveforms.\(format.rawValue)"
            try figure.write(to: folder.file(name), format: format)
            #expect(try folder.bytes(name).count > 10_000)
        }
    }
}
