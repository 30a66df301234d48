/// Runs `body`, then `cleanup` whether `body` returned or threw, and waits for it, so a test's
/// servers and clients are gone when the test ends (a `defer { Task { … } }` would leave the
/// cleanup running after it). A failing cleanup fails the test only when `body` succeeded.
@discardableResult
public func withCleanup<T>(
    isolation: isolated (any Actor)? = #isolation,
    _ body: () async throws -> T,
    cleanup: () async throws -> Void
) async throws -> T {
    let result: T
    do {
        result = try await body()
    } catch {
        try? await cleanup()
        throw error
    }
    try await cleanup()
    return result
}
