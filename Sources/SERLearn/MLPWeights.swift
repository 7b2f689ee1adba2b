package import Foundation

/// The trained weights of a one-hidden-layer MLP, as saved to `models/mlp.json`:
/// `hidden = relu(x · w1 + b1)`, `p = softmax(hidden · w2 + b2)`, with `x` standardised by the scaler
/// saved beside it. Decoding checks every shape against every other (see ``check()``), so a decoded
/// value always makes a network that reads no weight that is not there.
package struct MLPWeights: Sendable, Codable, Equatable {
    /// `inputs × hidden`, row-major.
    package var w1: [[Double]]
    package var b1: [Double]
    /// `hidden × classes`, row-major.
    package var w2: [[Double]]
    package var b2: [Double]

    enum CodingKeys: String, CodingKey {
        case w1, b1, w2, b2
    }

    package init(w1: [[Double]], b1: [Double], w2: [[Double]], b2: [Double]) {
        self.w1 = w1
        self.b1 = b1
        self.w2 = w2
        self.b2 = b2
    }

    /// Decodes the four arrays and checks them (``check()``).
    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        w1 = try container.decode([[Double]].self, forKey: .w1)
        b1 = try container.decode([Double].self, forKey: .b1)
        w2 = try container.decode([[Double]].self, forKey: .w2)
        b2 = try container.decode([Double].self, forKey: .b2)
        try check()
    }

    /// The weights `json` holds, checked; any fault is one ``LearnError`` line.
    package static func load(json: Data) throws(LearnError) -> MLPWeights {
        try SavedModelFile.decode(MLPWeights.self, from: json)
    }

    /// The number of inputs (features), hidden units and classes.
    package var shape: (inputs: Int, hidden: Int, classes: Int) { (w1.count, b1.count, b2.count) }

    /// Throws unless `w1` is `inputs × hidden`, `b1` has `hidden` entries, `w2` is `hidden × classes`
    /// and `b2` has `classes`, with at least one input and hidden unit and two classes, within
    /// ``SavedModelLimits``, and every weight finite.
    package func check() throws(LearnError) {
        let (inputs, hidden, classes) = shape
        guard (1...SavedModelLimits.features).contains(inputs) else {
            throw LearnError(
                .malformedModel, "w1 has \(inputs) rows (inputs); allowed: 1 to \(SavedModelLimits.features)")
        }
        guard hidden >= 1 else { throw LearnError(.malformedModel, "b1 is empty (the hidden layer has no units)") }
        guard (2...SavedModelLimits.classes).contains(classes) else {
            throw LearnError(
                .malformedModel, "b2 has \(classes) entries (classes); allowed: 2 to \(SavedModelLimits.classes)")
        }
        if let row = w1.firstIndex(where: { $0.count != hidden }) {
            throw LearnError(
                .malformedModel, "w1[\(row)] has \(w1[row].count) weights, b1 has \(hidden) hidden units")
        }
        guard w2.count == hidden else {
            throw LearnError(.malformedModel, "w2 has \(w2.count) rows, b1 has \(hidden) hidden units")
        }
        if let row = w2.firstIndex(where: { $0.count != classes }) {
            throw LearnError(.malformedModel, "w2[\(row)] has \(w2[row].count) weights, b2 has \(classes) classes")
        }
        for (name, values) in [("w1", w1.joined()), ("w2", w2.joined())] where !values.allSatisfy(\.isFinite) {
            throw LearnError(.malformedModel, "\(name) holds a weight that is not a finite number")
        }
        for (name, values) in [("b1", b1), ("b2", b2)] where !values.allSatisfy(\.isFinite) {
            throw LearnError(.malformedModel, "\(name) holds a weight that is not a finite number")
        }
    }
}
