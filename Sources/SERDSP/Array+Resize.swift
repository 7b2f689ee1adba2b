extension Array where Element: Numeric {
    /// Sets the count to `count`, keeping the allocation (and the leading values) where possible;
    /// new slots are zero. Scratch buffers use it to stay allocated across clips.
    mutating func resize(to count: Int) {
        if self.count > count {
            removeLast(self.count - count)
        } else if self.count < count {
            append(contentsOf: repeatElement(0, count: count - self.count))
        }
    }
}
