/// What a checked libsvm model text holds, to compare with the labels and scaler saved beside it.
package struct LibSVMModelSummary: Sendable, Equatable {
    /// `nr_class`.
    package var classCount: Int
    /// `total_sv`: the support vectors (one line each after `SV`).
    package var supportVectors: Int
    /// The largest feature index any support vector uses (libsvm's indices start at 1); 0 for none.
    package var largestFeatureIndex: Int
}

/// libsvm's model text, read and checked in full before libsvm sees it: libsvm's `svm_load_model`
/// trusts its input (a support-vector line cut short makes it call `strtod(NULL)`, a header's
/// counts size its allocations, `rho` before `nr_class` reads an uninitialised count), so serreport
/// accepts only what its own `svm_save_model` writes for a C-SVC with an RBF kernel and probability
/// estimates, in that order:
///
/// ```
/// svm_type c_svc
/// kernel_type rbf
/// gamma 0.012
/// nr_class 3
/// total_sv 40
/// rho 0.1 -0.2 0.3              nr_class·(nr_class−1)/2 finite numbers
/// label 1 0 2                   each of 0…nr_class−1 once
/// probA -3.1 -2.9 -3.3          as many as rho, finite
/// probB 0.1 0.2 -0.1
/// nr_sv 12 15 13                nr_class counts adding up to total_sv
/// SV
/// 0.5 -1 1:0.25 2:-1.5 …        total_sv lines: nr_class−1 coefficients, then index:value pairs
/// ```
///
/// with indices ascending from 1, every number finite, and nothing after the last support vector.
/// Any other text is refused with one line naming the line and the reason.
extension LibSVMModel {
    /// Checks `text` as above; throws ``LearnError/Code/malformedModel`` with `line N: reason`.
    package static func validate(text: String) throws(LearnError) -> LibSVMModelSummary {
        var reader = LibSVMTextReader(Array(text.utf8))
        return try reader.read()
    }
}

/// Reads libsvm's model text line by line (see ``LibSVMModel/validate(text:)``).
private struct LibSVMTextReader {
    let bytes: [UInt8]
    var position = 0
    var lineNumber = 0

    /// The longest token accepted: `%.17g` of a double is at most 24 characters.
    static let tokenLimit = 64

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    mutating func read() throws(LearnError) -> LibSVMModelSummary {
        guard !bytes.isEmpty else { throw LearnError(.malformedModel, "empty file (0 bytes)") }
        try expect("svm_type", ["c_svc"])
        try expect("kernel_type", ["rbf"])
        // Each line is read into a constant first: a method called on `self` with an argument that
        // reads the next line would see the line number from before the read.
        let gammaToken = try values("gamma", count: 1)[0]
        let gamma = try number(gammaToken)
        guard gamma > 0 else { throw fault("gamma \(gamma) is not above 0") }
        let classToken = try values("nr_class", count: 1)[0]
        let classCount = try integer(classToken, in: 2...SavedModelLimits.classes)
        let totalToken = try values("total_sv", count: 1)[0]
        let total = try integer(totalToken, in: 1...Int(Int32.max))
        let pairs = classCount * (classCount - 1) / 2
        let rho = try values("rho", count: pairs)
        for token in rho { _ = try number(token) }
        let labels = try values("label", count: classCount)
        var seen = [Bool](repeating: false, count: classCount)
        for token in labels {
            let label = try integer(token, in: 0...(classCount - 1))
            guard !seen[label] else { throw fault("label \(label) appears twice") }
            seen[label] = true
        }
        for key in ["probA", "probB"] {
            let probabilities = try values(key, count: pairs)
            for token in probabilities { _ = try number(token) }
        }
        let counts = try values("nr_sv", count: classCount)
        var sum = 0
        for token in counts { sum += try integer(token, in: 0...total) }
        guard sum == total else { throw fault("nr_sv adds up to \(sum), total_sv is \(total)") }
        _ = try values("SV", count: 0)
        var largest = 0
        for vector in 0..<total {
            guard let tokens = try nextLine() else {
                throw LearnError(
                    .malformedModel,
                    "line \(lineNumber + 1): the file ends after \(vector) of its \(total) support vectors (cut short?)"
                )
            }
            let index = try supportVector(tokens, coefficients: classCount - 1)
            largest = max(largest, index)
        }
        while let extra = try nextLine() {
            if let first = extra.first {
                throw fault("'\(text(first))…' after the last of the \(total) support vectors")
            }
        }
        guard bytes.last == UInt8(ascii: "\n") else {
            throw fault("the last line has no line end (cut short?)")
        }
        return LibSVMModelSummary(classCount: classCount, supportVectors: total, largestFeatureIndex: largest)
    }

    /// One support vector's line: `coefficients` numbers, then `index:value` pairs with ascending
    /// indices from 1; returns the largest index.
    private func supportVector(_ tokens: [ArraySlice<UInt8>], coefficients: Int) throws(LearnError) -> Int {
        guard tokens.count >= coefficients else {
            throw fault("a support vector needs \(coefficients) coefficients, the line has \(tokens.count) values")
        }
        for token in tokens.prefix(coefficients) { _ = try number(token) }
        guard tokens.count - coefficients <= SavedModelLimits.features else {
            throw fault("more than \(SavedModelLimits.features) features")
        }
        var previous = 0
        for token in tokens.dropFirst(coefficients) {
            guard let colon = token.firstIndex(of: UInt8(ascii: ":")) else {
                throw fault("'\(text(token))' is not index:value (a coefficient too many?)")
            }
            let index = try integer(token[..<colon], in: 1...Int(Int32.max))
            guard index > previous else {
                throw fault("feature index \(index) is not above the one before it (\(previous))")
            }
            guard let value = Double(text(token[(colon + 1)...])), value.isFinite else {
                throw fault("'\(text(token))': feature \(index)'s value is not a finite number")
            }
            previous = index
        }
        return previous
    }

    /// The next line split at runs of spaces and tabs; nil at the end of the text. Every byte must be
    /// printable ASCII, a space, a tab or the line's `\n`.
    private mutating func nextLine() throws(LearnError) -> [ArraySlice<UInt8>]? {
        guard position < bytes.count else { return nil }
        lineNumber += 1
        var tokens: [ArraySlice<UInt8>] = []
        var start: Int?
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n") {
                if let first = start {
                    guard position - first <= Self.tokenLimit else { throw fault("a value longer than 64 characters") }
                    tokens.append(bytes[first..<position])
                    start = nil
                }
                position += 1
                if byte == UInt8(ascii: "\n") { break }
            } else {
                guard byte > 0x20, byte < 0x7F else {
                    throw fault(
                        "byte 0x\(String(byte, radix: 16, uppercase: true)) is not libsvm model text (printable ASCII)")
                }
                if start == nil { start = position }
                position += 1
            }
        }
        if let first = start {
            guard position - first <= Self.tokenLimit else { throw fault("a value longer than 64 characters") }
            tokens.append(bytes[first..<position])
        }
        return tokens
    }

    /// The next line, which must be `key` followed by `count` values (returned).
    private mutating func values(_ key: String, count: Int) throws(LearnError) -> [ArraySlice<UInt8>] {
        guard let tokens = try nextLine() else {
            throw LearnError(
                .malformedModel, "line \(lineNumber + 1): the file ends before '\(key)' (cut short?)")
        }
        guard let first = tokens.first, text(first) == key else {
            let found = tokens.first.map { "'\(text($0))'" } ?? "an empty line"
            throw fault("expected '\(key)', found \(found)")
        }
        guard tokens.count - 1 == count else {
            throw fault("'\(key)' needs \(count) value\(count == 1 ? "" : "s"), the line has \(tokens.count - 1)")
        }
        return Array(tokens.dropFirst())
    }

    private mutating func expect(_ key: String, _ allowed: [String]) throws(LearnError) {
        let value = text(try values(key, count: 1)[0])
        guard allowed.contains(value) else {
            throw fault("\(key) \(value) is not what serreport's SVM models use (\(allowed.joined(separator: ", ")))")
        }
    }

    private func number(_ token: ArraySlice<UInt8>) throws(LearnError) -> Double {
        guard let value = Double(text(token)) else { throw fault("'\(text(token))' is not a number") }
        guard value.isFinite else { throw fault("'\(text(token))' is not a finite number") }
        return value
    }

    private func integer(_ token: ArraySlice<UInt8>, in range: ClosedRange<Int>) throws(LearnError) -> Int {
        guard let value = Int(text(token)) else { throw fault("'\(text(token))' is not a whole number") }
        guard range.contains(value) else {
            throw fault("\(value) is out of range (\(range.lowerBound) to \(range.upperBound))")
        }
        return value
    }

    private func text(_ token: ArraySlice<UInt8>) -> String { String(decoding: token, as: UTF8.self) }

    private func fault(_ reason: String) -> LearnError { LearnError(.malformedModel, "line \(lineNumber): \(reason)") }
}
