/// A named value of one type in a cell's result (``ArtifactBundle/data``): `section.json` holding a
/// report section, say. Reading it back as another type is impossible by construction.
package struct ArtifactName<Value: Codable & Sendable>: Sendable {
    package let name: String

    package init(_ name: String) { self.name = name }
}

/// A value one cell makes for others: the producing cell's id, the value's name and its type. A cell
/// lists the keys it makes in ``Cell/outputs`` and the keys it reads in ``Cell/inputs``; the plan
/// refuses, before anything runs, an input no cell makes or makes as another type.
package struct ArtifactKey<Value: Codable & Sendable>: Sendable {
    package let producer: String
    package let artifact: ArtifactName<Value>

    package init(_ name: String, of producer: String) {
        self.producer = producer
        artifact = ArtifactName(name)
    }

    /// The key as the plan compares it.
    package var declaration: ArtifactDeclaration {
        ArtifactDeclaration(producer: producer, name: artifact.name, type: String(reflecting: Value.self))
    }
}

/// An ``ArtifactKey`` without its type parameter: what cells declare and the plan checks.
package struct ArtifactDeclaration: Sendable, Hashable, Codable, CustomStringConvertible {
    package let producer: String
    package let name: String
    /// The value's Swift type, fully qualified.
    package let type: String

    /// `load's clips.json ([SERCells.LoadedClip])`.
    package var description: String { "\(producer)'s \(name) (\(type))" }
}

extension ArtifactBundle {
    /// Stores `value` under its name, as JSON.
    package mutating func put<Value>(_ value: Value, as name: ArtifactName<Value>) throws(NotebookError) {
        try encode(value, as: name.name)
    }

    /// The value stored under `name`.
    package func get<Value>(_ name: ArtifactName<Value>) throws(NotebookError) -> Value {
        try decode(Value.self, name.name)
    }
}
