/// One key of a legend: a small symbol in a colour and the name it stands for.
package struct LegendEntry: Sendable, Equatable {
    /// How the key's symbol is drawn, matching the mark it explains.
    package enum Symbol: Sendable, Equatable {
        /// A filled square, for bars, areas and boxes.
        case box
        /// A short line, for lines.
        case line
        /// A dot, for scatter points.
        case dot
    }

    package var label: String
    package var color: Color
    package var symbol: Symbol

    package init(_ label: String, color: Color, symbol: Symbol = .box) {
        self.label = label
        self.color = color
        self.symbol = symbol
    }
}
