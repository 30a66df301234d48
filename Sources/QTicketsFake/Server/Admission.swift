/// The state's verdict on one request, taken atomically with the statistics and fault
/// counters: answer it (how), fail it (which fault), drop it, or never answer it.
enum Admission {
    /// Effects applied to a normal answer.
    struct Effects {
        var latencyMilliseconds = 0
        var slowBody: FaultPlan.SlowBody?
        var malformed: FaultPlan.MalformedMode?
        /// Serve as if the request had no body.
        var ignoreBody = false
        var hostile: FaultPlan.Hostile.Kind?
        var badRecords: [Int: FaultPlan.BadRecord] = [:]
    }

    case htmlNotFound
    case methodNotAllowed
    case rateLimited
    case unauthorized
    case drop
    /// Keep the connection open and never answer.
    case hang
    case injected(status: Int, retryAfter: String?)
    case serve(ServingSnapshot, Effects)
}
