/// How data values along one axis become positions, like matplotlib's `set_xscale` plus seaborn's
/// categorical axes.
package enum Scale: Sendable, Equatable {
    /// Equal data steps are equal distances; ticks at 1, 2 or 5 × 10ⁿ steps.
    case linear
    /// Base-10 logarithmic: equal ratios are equal distances; ticks at powers of ten. Values ≤ 0 are
    /// not drawn.
    case log
    /// Named categories at the positions 0, 1, 2, …, each labelled with its name. On a y axis the
    /// first category is at the top, as in a table or a confusion matrix.
    case category([String])

    /// The category names, or nil for a numeric scale.
    var categories: [String]? {
        if case .category(let names) = self { return names }
        return nil
    }
}
