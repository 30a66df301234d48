/// The state's verdict on one request, taken atomically with the statistics and fault
/// counters: answer it (how), fail it (which fault), or drop it.
enum Admission {
    /// Effects applied to a normal answer.
    struct Effects {
        var latencyMilliseconds = 0
        var slowBody: FaultPlan.SlowBody?
        var malformed: FaultPlan.MalformedMode?
    }

    case htmlNotFound
    case methodNotAllowed
    case rateLimited
    case unauthorized
    case drop
    case injected(status: Int, retryAfter: String?)
    case serve(ServingSnapshot, Effects)
}
