/// The server-side limit: at most `limit` accepted requests in any sliding one-second
/// window. Rejected requests do not enter the window (they were not served), so a client
/// just under the limit sees no rejections and a client above it sees exactly its excess.
struct SlidingWindowLimiter {
    let limit: Int
    private var accepted: [UInt64] = []  // uptime nanoseconds, ascending
    private var head = 0

    init(requestsPerSecond: Double) {
        self.limit = max(1, Int(requestsPerSecond.rounded(.down)))
    }

    mutating func admit(nowNanoseconds now: UInt64) -> Bool {
        let windowStart = now >= 1_000_000_000 ? now - 1_000_000_000 : 0
        while head < accepted.count, accepted[head] <= windowStart { head += 1 }
        if head > 4096 {
            accepted.removeFirst(head)
            head = 0
        }
        guard accepted.count - head < limit else { return false }
        accepted.append(now)
        return true
    }
}
