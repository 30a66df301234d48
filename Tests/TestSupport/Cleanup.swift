/// Runs `body`, then `cleanup`, awaited whether `body` returned or threw.
///
/// The test-side `defer` for async cleanup: a `defer { Task { … } }` starts the cleanup and
/// walks away, so the next test may run while the last one's database, server or files are
/// still being torn down. When `body` threw, its error wins over the cleanup's.
public func withCleanup<T>(_ body: () async throws -> T, cleanup: () async throws -> Void) async throws -> T {
    let value: T
    do {
        value = try await body()
    } catch {
        try? await cleanup()
        throw error
    }
    try await cleanup()
    return value
}
