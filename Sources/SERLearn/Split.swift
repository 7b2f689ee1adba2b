/// Seeded splits of row indices that keep each class's share (scikit-learn's `stratify=y`).
enum Split {
    /// About `fraction` of each class's rows (at least one, when the class has two or more) for
    /// validation, the rest for training; both in ascending order.
    static func stratifiedHoldout(labels: [Int], fraction: Double, seed: UInt64) -> (training: [Int], held: [Int]) {
        var random = SeededGenerator(seed: seed)
        var held: [Int] = []
        for label in Set(labels).sorted() {
            var members = labels.indices.filter { labels[$0] == label }
            members.shuffle(using: &random)
            // At least one of a class held out, and at least one left to train on (a fraction near 1
            // would otherwise leave nothing: an MLP with no training clips).
            let count =
                members.count < 2
                ? 0 : min(members.count - 1, max(1, Int((Double(members.count) * fraction).rounded())))
            held += members.prefix(count)
        }
        let heldSet = Set(held)
        return (labels.indices.filter { !heldSet.contains($0) }, held.sorted())
    }
}
