/// A growable, 64-byte-aligned float64 buffer kept between calls, so that filtering clip after
/// clip touches the same pages instead of faulting in fresh allocations.
///
/// New storage is zero-filled; contents are otherwise whatever the last user left. Not Sendable.
final class ScratchBuffer {
    private(set) var pointer: UnsafeMutablePointer<Double>
    private(set) var capacity: Int

    init(capacity: Int = 0) {
        self.capacity = max(capacity, 4)
        self.pointer = Self.allocate(self.capacity)
    }

    deinit { UnsafeMutableRawPointer(pointer).deallocate() }

    /// Storage for at least `count` values; grows (discarding the contents) when needed.
    func reserve(_ count: Int) -> UnsafeMutablePointer<Double> {
        if count > capacity {
            UnsafeMutableRawPointer(pointer).deallocate()
            capacity = count + count / 4
            pointer = Self.allocate(capacity)
        }
        return pointer
    }

    private static func allocate(_ count: Int) -> UnsafeMutablePointer<Double> {
        let raw = UnsafeMutableRawPointer.allocate(byteCount: count * MemoryLayout<Double>.stride, alignment: 64)
        let typed = raw.bindMemory(to: Double.self, capacity: count)
        typed.initialize(repeating: 0, count: count)
        return typed
    }
}

extension UnsafePointer<Double> {
    /// Four values from `self + offset`, any alignment.
    @inline(__always)
    func vector(at offset: Int) -> SIMD4<Double> {
        UnsafeRawPointer(self + offset).loadUnaligned(as: SIMD4<Double>.self)
    }
}

extension UnsafeMutablePointer<Double> {
    /// Four values from `self + offset`, any alignment.
    @inline(__always)
    func vector(at offset: Int) -> SIMD4<Double> {
        UnsafeRawPointer(self + offset).loadUnaligned(as: SIMD4<Double>.self)
    }

    /// Stores four values at `self + offset`, any alignment.
    @inline(__always)
    func store(_ value: SIMD4<Double>, at offset: Int) {
        UnsafeMutableRawPointer(self + offset).storeBytes(of: value, as: SIMD4<Double>.self)
    }
}
