extension Numpy {
    /// `np.median` of float32 values: the middle value, or for an even count the float32 mean of the
    /// two middle values (`(a + b) / 2` in float32, as `np.mean` of the partitioned pair). NaN if any
    /// value is NaN or there are none. Reorders `values` (a partial sort, like `np.partition`).
    static func median(_ values: UnsafeMutableBufferPointer<Float>) -> Float {
        let count = values.count
        guard count > 0, !values.contains(where: \.isNaN) else { return .nan }
        let upper = count / 2
        select(values, nth: upper)
        guard count % 2 == 0 else { return values[upper] }
        var lower = values[0]
        for i in 1..<upper where values[i] > lower { lower = values[i] }
        return (lower + values[upper]) / 2
    }

    /// Rearranges `values` (no NaN) so that `values[nth]` is the value a full sort would put there,
    /// with nothing greater before it and nothing smaller after it (`std::nth_element`): Hoare
    /// partitions around a median of three, insertion sort for short ranges.
    static func select(_ values: UnsafeMutableBufferPointer<Float>, nth: Int) {
        precondition(values.indices.contains(nth), "selection index out of range")
        var lower = 0
        var upper = values.count - 1
        while upper - lower >= 16 {
            let middle = lower + (upper - lower) / 2
            let a = values[lower]
            let b = values[middle]
            let c = values[upper]
            let pivot = max(min(a, b), min(max(a, b), c))
            var i = lower
            var j = upper
            while i <= j {
                while values[i] < pivot { i += 1 }
                while values[j] > pivot { j -= 1 }
                if i <= j {
                    values.swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }
            // Now values[lower...j] <= pivot <= values[i...upper], and values[j+1..<i] == pivot.
            if nth <= j {
                upper = j
            } else if nth >= i {
                lower = i
            } else {
                return
            }
        }
        for i in (lower + 1)..<(upper + 1) {
            let v = values[i]
            var j = i
            while j > lower && values[j - 1] > v {
                values[j] = values[j - 1]
                j -= 1
            }
            values[j] = v
        }
    }
}
