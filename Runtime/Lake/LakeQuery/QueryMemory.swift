#if canImport(Glibc)
import Glibc
#endif

/// Process-wide allocator setting for query-heavy programs (the CLI, benchmarks).
///
/// A scan allocates and frees column buffers of a few hundred KB to a few MB per row group. With
/// glibc's defaults those go back to the kernel on `free` (mmap'd blocks, trimmed heap tops), and every
/// reuse faults its pages in again: about a third of the CPU time of a 5 M-row GROUP BY. Keeping freed
/// memory in the heap removes that, at the cost of the process holding on to its peak heap.
/// A no-op outside glibc. Not called by the engine itself: it changes the whole process.
public enum QueryMemory {
    /// Serves large blocks from the heap and keeps up to `retainedBytes` of freed heap top (glibc `mallopt`).
    public static func keepFreedMemory(retainedBytes: Int = 256 << 20) {
        #if canImport(Glibc)
        // <malloc.h> is not part of the Glibc module: look `mallopt` up at run time.
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        guard let handle = dlopen(nil, RTLD_NOW), let symbol = dlsym(handle, "mallopt") else { return }
        let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
        let trimThreshold: Int32 = -1, mmapThreshold: Int32 = -3   // M_TRIM_THRESHOLD, M_MMAP_THRESHOLD
        _ = mallopt(mmapThreshold, 32 << 20)
        _ = mallopt(trimThreshold, Int32(clamping: retainedBytes))
        #endif
    }
}
