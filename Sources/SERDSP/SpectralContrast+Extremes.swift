extension SpectralContrast {
    /// `np.mean(np.sort(x)[:q])` and `np.mean(np.sort(x)[-q:])` of `count` float32 values, in
    /// float32: each set of `q` values is summed in ascending order (numpy's sequential reduction
    /// over the sorted axis), then divided by `q`. `scratch` holds `4 * count` floats.
    ///
    /// The sets are found by selection, not by sorting the band; ties do not matter because only
    /// the selected values, not their positions, enter the means. The values are dealt into `L`
    /// interleaved groups (`i mod L`, `L` a multiple of 8 near `3 q`, so one vector pass takes all
    /// group minima and maxima). At least `q` values are at or below the `q`-th smallest group
    /// minimum, so all of the `q` smallest values are too: only those few candidates go to the
    /// final selection (and symmetrically for the largest). Selections use bounded heaps that skip
    /// 8 values at a time when none can enter.
    static func extremeMeans(
        _ values: UnsafePointer<Float>, count: Int, extremes q: Int, scratch: UnsafeMutablePointer<Float>
    ) -> (low: Float, high: Float) {
        if q == 1 {
            var low = values[0]
            var high = values[0]
            for i in 1..<count {
                let v = values[i]
                low = v < low ? v : low
                high = v > high ? v : high
            }
            return (low, high)
        }
        var lowBound = Float.infinity
        var highBound = -Float.infinity
        let groups = 8 * ((3 * q + 7) / 8)
        if groups <= count {
            let minima = scratch
            let maxima = scratch + groups
            groupExtremes(values, count: count, groups: groups, minima: minima, maxima: maxima)
            // The heaps go to the second half of scratch, which is reused below for the final heaps.
            lowBound = selectSmallest(minima, count: groups, extremes: q, heap: scratch + 2 * count)[0]
            highBound = selectLargest(maxima, count: groups, extremes: q, heap: scratch + 3 * count)[0]
        }
        let lowCandidates = scratch
        let highCandidates = scratch + count
        var lowCount = 0
        var highCount = 0
        let raw = UnsafeRawPointer(values)
        let lowVector = SIMD8<Float>(repeating: lowBound)
        let highVector = SIMD8<Float>(repeating: highBound)
        var i = 0
        while i < count {
            let end = min(i + 8, count)
            if end - i == 8 {
                let block = raw.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self)
                guard any(block .<= lowVector) || any(block .>= highVector) else {
                    i = end
                    continue
                }
            }
            // Branch-free: write every value, keep it by advancing the count (at most j < count).
            for j in i..<end {
                let v = values[j]
                lowCandidates[lowCount] = v
                highCandidates[highCount] = v
                lowCount &+= Int(unsafeBitCast(v <= lowBound, to: UInt8.self))
                highCount &+= Int(unsafeBitCast(v >= highBound, to: UInt8.self))
            }
            i = end
        }
        let low = selectSmallest(lowCandidates, count: lowCount, extremes: q, heap: scratch + 2 * count)
        let high = selectLargest(highCandidates, count: highCount, extremes: q, heap: scratch + 3 * count)
        return (ascendingMean(low), ascendingMean(high))
    }

    /// The minimum and maximum of each group `{j, j + L, j + 2L, …}` of `count >= L` values, for
    /// `j < L` (`L = groups`, a multiple of 8).
    private static func groupExtremes(
        _ values: UnsafePointer<Float>, count: Int, groups: Int, minima: UnsafeMutablePointer<Float>,
        maxima: UnsafeMutablePointer<Float>
    ) {
        for j in 0..<groups {
            minima[j] = values[j]
            maxima[j] = values[j]
        }
        let raw = UnsafeRawPointer(values)
        var i = groups
        var slot = 0
        while i + 8 <= count {
            let block = raw.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self)
            let lowSlot = UnsafeMutableRawPointer(minima + slot)
            let highSlot = UnsafeMutableRawPointer(maxima + slot)
            var low = lowSlot.loadUnaligned(as: SIMD8<Float>.self)
            var high = highSlot.loadUnaligned(as: SIMD8<Float>.self)
            low.replace(with: block, where: block .< low)
            high.replace(with: block, where: block .> high)
            lowSlot.storeBytes(of: low, as: SIMD8<Float>.self)
            highSlot.storeBytes(of: high, as: SIMD8<Float>.self)
            i += 8
            slot = slot + 8 == groups ? 0 : slot + 8
        }
        while i < count {
            let v = values[i]
            minima[slot] = min(minima[slot], v)
            maxima[slot] = max(maxima[slot], v)
            i += 1
            slot += 1
        }
    }

    /// The `q` smallest of `count >= q` values, as a max-heap in `heap` (root first), scanning
    /// downwards.
    private static func selectSmallest(
        _ values: UnsafePointer<Float>, count: Int, extremes q: Int, heap base: UnsafeMutablePointer<Float>
    ) -> UnsafeMutableBufferPointer<Float> {
        let heap = UnsafeMutableBufferPointer(start: base, count: q)
        for i in 0..<q { heap[i] = values[count - q + i] }
        sort(heap, by: >)
        let raw = UnsafeRawPointer(values)
        var end = count - q
        var root = SIMD8<Float>(repeating: heap[0])
        while end > 0 {
            if end >= 8 {
                let block = raw.loadUnaligned(fromByteOffset: (end - 8) * 4, as: SIMD8<Float>.self)
                if any(block .< root) {
                    for i in (end - 8)..<end where values[i] < heap[0] { replaceRoot(of: heap, with: values[i], by: >) }
                    root = SIMD8(repeating: heap[0])
                }
                end -= 8
            } else {
                end -= 1
                if values[end] < heap[0] { replaceRoot(of: heap, with: values[end], by: >) }
            }
        }
        return heap
    }

    /// The `q` largest of `count >= q` values, as a min-heap in `heap` (root first), scanning
    /// upwards.
    private static func selectLargest(
        _ values: UnsafePointer<Float>, count: Int, extremes q: Int, heap base: UnsafeMutablePointer<Float>
    ) -> UnsafeMutableBufferPointer<Float> {
        let heap = UnsafeMutableBufferPointer(start: base, count: q)
        for i in 0..<q { heap[i] = values[i] }
        sort(heap, by: <)
        let raw = UnsafeRawPointer(values)
        var start = q
        var root = SIMD8<Float>(repeating: heap[0])
        while start < count {
            if start + 8 <= count {
                let block = raw.loadUnaligned(fromByteOffset: start * 4, as: SIMD8<Float>.self)
                if any(block .> root) {
                    for i in start..<(start + 8) where values[i] > heap[0] {
                        replaceRoot(of: heap, with: values[i], by: <)
                    }
                    root = SIMD8(repeating: heap[0])
                }
                start += 8
            } else {
                if values[start] > heap[0] { replaceRoot(of: heap, with: values[start], by: <) }
                start += 1
            }
        }
        return heap
    }

    /// The values sorted ascending, summed in that order in float32, divided by their count.
    private static func ascendingMean(_ values: UnsafeMutableBufferPointer<Float>) -> Float {
        sort(values, by: <)
        var sum: Float = 0
        for v in values { sum += v }
        return sum / Float(values.count)
    }

    /// Sorts a few values in place (insertion sort; the standard sort beyond 32 values).
    @inline(__always)
    private static func sort(_ values: UnsafeMutableBufferPointer<Float>, by precedes: (Float, Float) -> Bool) {
        guard values.count <= 32 else {
            var values = values
            values.sort(by: precedes)
            return
        }
        for i in values.indices.dropFirst() {
            let v = values[i]
            var j = i
            while j > 0 && precedes(v, values[j - 1]) {
                values[j] = values[j - 1]
                j -= 1
            }
            values[j] = v
        }
    }

    /// Replaces the root of a binary heap ordered by `precedes` (the root precedes its children)
    /// and sifts it down.
    @inline(__always)
    private static func replaceRoot(
        of heap: UnsafeMutableBufferPointer<Float>, with value: Float, by precedes: (Float, Float) -> Bool
    ) {
        let count = heap.count
        var i = 0
        while true {
            let left = 2 * i + 1
            guard left < count else { break }
            var child = left
            if left + 1 < count && precedes(heap[left + 1], heap[left]) { child = left + 1 }
            guard precedes(heap[child], value) else { break }
            heap[i] = heap[child]
            i = child
        }
        heap[i] = value
    }
}
