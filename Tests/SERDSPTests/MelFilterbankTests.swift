import Testing

@testable import SERDSP

/// Expected values were computed independently with numpy from the formula in reference-spec.md §9
/// (float64 triangles stored as float32, then scaled by the float64 Slaney norm and stored float32).
@Suite("Mel filter bank (librosa.filters.mel defaults)")
struct MelFilterbankTests {
    @Test("weights at 22050 Hz match numpy exactly")
    func weights22050() throws {
        let bank = try MelFilterbank(sampleRate: 22050, nFFT: 2048, melCount: 128)
        #expect(bank.melCount == 128 && bank.binCount == 1025)
        let expected: [(Int, Int, Double)] = [
            (0, 1, 0.016182852908968925), (0, 2, 0.03236570581793785), (1, 5, 0.03539370372891426),
            (10, 25, 0.016878092661499977), (40, 99, 0.029527638107538223), (80, 286, 0.01161749567836523),
            (127, 997, 0.0034852505195885897), (127, 1024, 0),
        ]
        for (mel, bin, value) in expected {
            #expect(Double(bank.weight(mel: mel, bin: bin)) == value, "W[\(mel), \(bin)]")
        }
    }

    @Test("weights at 16000 Hz match numpy exactly")
    func weights16000() throws {
        let bank = try MelFilterbank(sampleRate: 16000, nFFT: 2048, melCount: 128)
        let expected: [(Int, Int, Double)] = [
            (0, 1, 0.014288890175521374), (0, 2, 0.028577780351042747), (1, 5, 0.02867789752781391),
            (127, 997, 0.00472947908565402), (127, 1000, 0.005223188549280167), (40, 99, 0),
        ]
        for (mel, bin, value) in expected {
            #expect(Double(bank.weight(mel: mel, bin: bin)) == value, "W[\(mel), \(bin)]")
        }
    }

    @Test("band edges follow the Slaney scale (linear below 1 kHz, log above)")
    func bandEdges() throws {
        let edges = try MelFilterbank(sampleRate: 22050, nFFT: 2048, melCount: 128).bandEdges
        #expect(edges.count == 130)
        let expected: [(Int, Double)] = [
            (0, 0), (1, 25.793588878635166), (20, 515.8717775727033), (64, 1956.4746717648852),
            (100, 5097.529246614875), (129, 11025),
        ]
        for (index, hz) in expected {
            #expect(abs(edges[index] - hz) <= 1e-12 * max(hz, 1), "edge \(index)")
        }
        // Linear region: equal steps in Hz.
        #expect(abs((edges[2] - edges[1]) - (edges[1] - edges[0])) < 1e-9)
    }

    @Test(
        "each filter peaks at its centre edge and is zero outside its neighbours", arguments: [0, 1, 10, 40, 80, 127])
    func peaks(mel: Int) throws {
        let bank = try MelFilterbank(sampleRate: 22050, nFFT: 2048, melCount: 128)
        let row = (0..<bank.binCount).map { bank.weight(mel: mel, bin: $0) }
        let peak = try #require(row.indices.max { row[$0] < row[$1] })
        let binHz = 22050.0 / 2048
        let expectedPeaks = [0: 2, 1: 5, 10: 26, 40: 99, 80: 286, 127: 997]
        #expect(peak == expectedPeaks[mel])
        #expect(abs(Double(peak) * binHz - bank.bandEdges[mel + 1]) <= binHz)
        for (bin, weight) in row.enumerated() where weight > 0 {
            let hz = Double(bin) * binHz
            #expect(hz > bank.bandEdges[mel] && hz < bank.bandEdges[mel + 2])
        }
    }

    @Test("Slaney normalisation gives each filter unit area in Hz")
    func unitArea() throws {
        let bank = try MelFilterbank(sampleRate: 22050, nFFT: 2048, melCount: 128)
        let binHz = 22050.0 / 2048
        let expectedAreas: [(Int, Double)] = [
            (20, 0.9876888580862442), (60, 1.0025519451033915), (100, 1.0003734491053962),
        ]
        for (mel, area) in expectedAreas {
            let sum = (0..<bank.binCount).reduce(0.0) { $0 + Double(bank.weight(mel: mel, bin: $1)) }
            #expect(abs(sum * binHz - area) < 1e-6, "row \(mel)")
        }
        for mel in 30..<128 {
            let sum = (0..<bank.binCount).reduce(0.0) { $0 + Double(bank.weight(mel: mel, bin: $1)) }
            #expect(abs(sum * binHz - 1) < 0.05, "row \(mel) area \(sum * binHz)")
        }
    }

    @Test("invalid parameters are refused")
    func invalid() {
        #expect(throws: DSPError.self) { try MelFilterbank(sampleRate: 0, nFFT: 2048, melCount: 128) }
        #expect(throws: DSPError.self) { try MelFilterbank(sampleRate: 22050, nFFT: 2048, melCount: 0) }
        #expect(throws: DSPError.self) {
            try MelFilterbank(sampleRate: 22050, nFFT: 2048, melCount: 128, minimumHz: 5000, maximumHz: 4000)
        }
    }
}
