/// One key of a legend: a small symbol in a colour and the name it stands for.
public struct LegendEntry: Sendable, Equatable {
    /// How the key's symbol is drawn, matching the mark it explains.
    public enum Symbol: Sendable, Equatable {
        /// A filled square, for bars, areas and boxes.
        case box
        /// A short line, for lines.
        case line
        /// A dot, for scatter points.
        case dot
    }

    public var label: String
    public var color: Color
    public var symbol: Symbol

    public init(_ label: String, color: Color, symbol: Symbol = .box) {
        self.label = label
        self.color = color
        self.symbol = symbol
    }
}
