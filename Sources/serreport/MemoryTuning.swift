import CMalloc

/// glibc malloc settings for a process that allocates and frees clip-sized buffers (0.1–10 MB)
/// over and over: keep them on the heap and keep freed memory, instead of an `mmap`/`munmap` pair
/// and fresh page faults per clip (they cost as much as decoding). Same as running with
/// `MALLOC_MMAP_THRESHOLD_=32M MALLOC_TRIM_THRESHOLD_=256M`.
enum MemoryTuning {
    static func keepClipBuffers() {
        _ = mallopt(M_MMAP_THRESHOLD, 32 << 20)
        _ = mallopt(M_TRIM_THRESHOLD, 256 << 20)
    }
}
