/// Whether `condition` holds within `timeout`, checked every `interval` and once more at the
/// end: for a test that waits on another task or process to get somewhere, instead of sleeping
/// a fixed time and hoping.
public func eventually(
    within timeout: Duration = .seconds(5), every interval: Duration = .milliseconds(50), _ condition: () async -> Bool
) async throws -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if await condition() { return true }
        try await Task.sleep(for: interval)
    }
    return await condition()
}
