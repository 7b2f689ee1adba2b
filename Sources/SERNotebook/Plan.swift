/// The cells in an order where every cell comes after the cells it reads, checked before anything
/// runs: a duplicate id, an input no cell makes, or a cycle is an error here, not a wrong result later.
package struct Plan: Sendable {
    package let cells: [any Cell]
    /// Mixed into every key: the program's version, so a new release never reads results stored in
    /// an older one's format.
    package let salt: String

    /// Orders `cells` by their inputs, keeping the given order among cells that do not depend on
    /// each other.
    package init(_ cells: [any Cell], salt: String = "") throws(NotebookError) {
        self.salt = salt
        var seen = Set<String>()
        for cell in cells {
            guard seen.insert(cell.id).inserted else { throw NotebookError("two cells are called \(cell.id)") }
        }
        for cell in cells { try Self.checkInputs(of: cell, among: cells) }
        var ordered: [any Cell] = []
        var placed = Set<String>()
        while ordered.count < cells.count {
            guard
                let next = cells.first(where: { !placed.contains($0.id) && $0.inputCells.allSatisfy(placed.contains) })
            else {
                let waiting = cells.filter { !placed.contains($0.id) }.map(\.id)
                throw NotebookError("cells \(waiting.joined(separator: ", ")) read each other in a cycle")
            }
            ordered.append(next)
            placed.insert(next.id)
        }
        self.cells = ordered
    }

    package var ids: [String] { cells.map(\.id) }

    package func cell(_ id: String) -> (any Cell)? { cells.first { $0.id == id } }

    /// The cell and every cell that reads it, directly or not, in plan order.
    package func downstream(of id: String) -> Set<String> {
        var reached: Set<String> = [id]
        for cell in cells where cell.inputCells.contains(where: reached.contains) { reached.insert(cell.id) }
        return reached
    }

    /// Each cell's cache key, in plan order (an input's key feeds its readers' keys).
    package func keys() -> [String: Digest] {
        var keys: [String: Digest] = [:]
        for cell in cells {
            var builder = KeyBuilder("cell")
            builder.add("salt", salt)
            builder.add("id", cell.id)
            builder.add("version", "\(cell.version)")
            builder.add("parameters", cell.parameters.canonical)
            builder.add("sources", cell.sources.digest)
            for input in cell.inputCells { builder.add("input \(input)", keys[input]!) }
            keys[cell.id] = builder.finish()
        }
        return keys
    }

    /// Every input of `cell` is an output some cell declares, under the same name and type.
    private static func checkInputs(of cell: any Cell, among cells: [any Cell]) throws(NotebookError) {
        for input in cell.inputs {
            guard let producer = cells.first(where: { $0.id == input.producer }) else {
                throw NotebookError("cell \(cell.id) reads \(input), but no cell is called \(input.producer)")
            }
            guard let made = producer.outputs.first(where: { $0.name == input.name }) else {
                throw NotebookError("cell \(cell.id) reads \(input), which \(producer.id) does not make")
            }
            guard made.type == input.type else {
                throw NotebookError(
                    "cell \(cell.id) reads \(input.producer)'s \(input.name) as \(input.type), "
                        + "but \(producer.id) makes it as \(made.type)")
            }
        }
    }
}
