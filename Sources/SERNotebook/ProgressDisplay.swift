import Foundation
import Synchronization

/// Shows a build's progress: on a terminal, one live line per cell with counts, rate and ETA,
/// redrawn ten times a second; in CI (not a terminal), a plain line every `interval`; nothing when
/// quiet. Ends with a per-cell timing summary.
package final class ProgressDisplay: Sendable {
    package enum Mode: Sendable, Equatable {
        case terminal
        case lines(interval: Duration)
        case quiet
    }

    package let mode: Mode
    /// Writes text as given (lines carry their own newline; a terminal's live line has none).
    private let write: @Sendable (String) -> Void
    private let current = Mutex<(id: String, progress: CellProgress, started: ContinuousClock.Instant)?>(nil)
    /// Bumped by every `begin` and `end`: a ticker thread runs while the generation it started with is current.
    private let generation = Atomic<Int>(0)

    package init(mode: Mode, write: @escaping @Sendable (String) -> Void) {
        self.mode = mode
        self.write = write
    }

    /// Terminal mode when standard error is a terminal and `CI` is not set, else lines every 10 s.
    package static func automatic(quiet: Bool, write: @escaping @Sendable (String) -> Void) -> ProgressDisplay {
        if quiet { return ProgressDisplay(mode: .quiet, write: write) }
        let terminal = isatty(2) == 1 && ProcessInfo.processInfo.environment["CI"] == nil
        return ProgressDisplay(mode: terminal ? .terminal : .lines(interval: .seconds(10)), write: write)
    }

    func begin(_ id: String, progress: CellProgress) {
        guard mode != .quiet else { return }
        current.withLock { $0 = (id, progress, ContinuousClock.now) }
        let interval: Duration
        switch mode {
        case .terminal: interval = .milliseconds(100)
        case .lines(let every): interval = every
        case .quiet: return
        }
        let started = generation.add(1, ordering: .relaxed).newValue
        Thread.detachNewThread { [self] in
            while true {
                Thread.sleep(forTimeInterval: Self.seconds(interval))
                guard generation.load(ordering: .relaxed) == started else { return }
                tick()
            }
        }
    }

    private func tick() {
        guard let (id, progress, started) = current.withLock({ $0 }), progress.total > 0 else { return }
        let line = Self.line(id: id, progress: progress, elapsed: ContinuousClock.now - started)
        write(mode == .terminal ? "\r\u{1B}[2K" + line : line + "\n")
    }

    func end(_ outcome: CellOutcome) {
        generation.add(1, ordering: .relaxed)
        current.withLock { $0 = nil }
        guard mode != .quiet, outcome.state != .cached || mode == .terminal else { return }
        var line = "\(outcome.id.padding(toLength: 9, withPad: " ", startingAt: 0)) \(outcome.state.rawValue)"
        if outcome.state == .ran { line += " in \(Self.formatted(outcome.duration))" }
        if let items = outcome.items {
            let unit = items.total == 1 && items.unit.hasSuffix("s") ? String(items.unit.dropLast()) : items.unit
            line += ", \(items.total) \(unit)"
            if items.cached > 0 { line += " (\(items.cached) from the cache)" }
        }
        if let error = outcome.error { line += ": \(error)" }
        write(mode == .terminal ? "\r\u{1B}[2K" + line + "\n" : line + "\n")
    }

    /// The per-cell timing summary at the end of a build.
    package func summary(_ outcomes: [CellOutcome], total: Duration) {
        guard mode != .quiet else { return }
        let cached = outcomes.filter { $0.state == .cached }.count
        let ran = outcomes.filter { $0.state == .ran }.map { "\($0.id) \(Self.formatted($0.duration))" }
        var line = "cells: \(ran.isEmpty ? "none ran" : ran.joined(separator: ", "))"
        if cached > 0 { line += "; \(cached) cached" }
        write(line + "; total \(Self.formatted(total))\n")
    }

    /// "process   412/720 clips  310/s  ETA 1 s".
    static func line(id: String, progress: CellProgress, elapsed: Duration) -> String {
        let done = progress.done
        let total = progress.total
        var line = "\(id.padding(toLength: 9, withPad: " ", startingAt: 0)) \(done)/\(total) \(progress.unit)"
        let seconds = seconds(elapsed)
        if done >= total {
            return line + "  finishing (figures, tables)"
        }
        if done > 0, seconds > 0 {
            let rate = Double(done) / seconds
            line += String(format: "  %.0f/s", rate)
            if done < total { line += "  ETA \(Int((Double(total - done) / rate).rounded(.up))) s" }
        }
        return line
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    }

    /// "0.84 s", "12.3 s".
    package static func formatted(_ duration: Duration) -> String {
        let seconds = seconds(duration)
        return String(format: seconds < 10 ? "%.2f s" : "%.1f s", seconds)
    }
}
