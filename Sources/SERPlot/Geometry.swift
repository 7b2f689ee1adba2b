/// A rectangle in figure coordinates: points, origin at the top left, y growing downwards.
struct Rect: Equatable {
    var x: Double
    var y: Double
    var width: Double
    var height: Double

    var minX: Double { x }
    var maxX: Double { x + width }
    var minY: Double { y }
    var maxY: Double { y + height }
    var midX: Double { x + width / 2 }
    var midY: Double { y + height / 2 }
}

/// A point in figure coordinates.
struct Point: Equatable {
    var x: Double
    var y: Double
}
