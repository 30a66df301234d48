/// The slices' ends, by slice number: posted by each slice's task, awaited by the backfill's
/// loop and by the older slice's recompute (``SliceHandoff``).
actor SliceResults {
    typealias Result = (report: RunReport, window: CoverageTracker.Window)

    private var results: [Int: Result] = [:]
    private var waiters: [Int: [CheckedContinuation<Result, Never>]] = [:]

    func post(_ number: Int, _ result: Result) {
        results[number] = result
        for waiter in waiters.removeValue(forKey: number) ?? [] { waiter.resume(returning: result) }
    }

    /// Slice `number`'s end, once it is posted (every slice the loop starts posts one).
    func result(of number: Int) async -> Result {
        if let result = results[number] { return result }
        return await withCheckedContinuation { waiters[number, default: []].append($0) }
    }
}
