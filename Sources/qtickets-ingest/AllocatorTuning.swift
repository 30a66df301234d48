/// The allocator policy of a run, set once at start.
///
/// A backfill allocates megabyte buffers page after page (inflated answers, decoded pages,
/// insert batches). glibc's default raises its mmap threshold after the first such buffer is
/// freed, so later ones come from the heap arenas, which keep what they grew to: measured, the
/// peak RSS of a 1M-order backfill varied from 86 to 146 MB from run to run and grew with the
/// run's length (122 MB at 5M). A fixed threshold of 4 MB hands the largest buffers back to the
/// kernel when freed: 57–66 MB at 1M, for about 1 CPU-second more of page faults per million
/// orders (measured with `scripts/bench-scale.sh`).
enum AllocatorTuning {
    /// Not when the operator set `MALLOC_MMAP_THRESHOLD_`: theirs wins.
    static func apply(environment: [String: String]) {
        #if os(Linux)
        guard environment["MALLOC_MMAP_THRESHOLD_"] == nil else { return }
        _ = glibcMallopt(mmapThreshold, 4 << 20)
        #endif
    }

    #if os(Linux)
    /// `M_MMAP_THRESHOLD` of `<malloc.h>`, which the Glibc module does not export (nor `mallopt`).
    private static let mmapThreshold: Int32 = -3
    #endif
}

#if os(Linux)
/// glibc's `int mallopt(int param, int value)`, declared here because `<malloc.h>` is not part of
/// the Glibc module; the C signature is stable (POSIX-era SVID interface).
@_silgen_name("mallopt")
private func glibcMallopt(_ param: Int32, _ value: Int32) -> Int32
#endif
