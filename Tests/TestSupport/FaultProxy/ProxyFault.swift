/// What the fault-injecting proxy does to one request instead of (or after) relaying it.
///
/// The interesting half is *after forwarding*: ClickHouse has executed the statement, but the
/// client sees a failure and must decide whether to send it again. Only statements that are
/// idempotent (or made so) survive that.
public enum ProxyFault: Sendable, Equatable, CustomStringConvertible {
    /// Answer 502 without forwarding: the statement never ran.
    case badGatewayBeforeForwarding
    /// Forward, let ClickHouse run the statement, then answer 502 instead of its reply.
    case badGatewayAfterForwarding
    /// Close the connection without forwarding.
    case dropBeforeForwarding
    /// Forward, then close the connection without an answer.
    case dropAfterForwarding
    /// Forward, and hold the answer back this long.
    case delay(Duration)

    public var description: String {
        switch self {
        case .badGatewayBeforeForwarding: "502 before forwarding"
        case .badGatewayAfterForwarding: "502 after forwarding"
        case .dropBeforeForwarding: "dropped before forwarding"
        case .dropAfterForwarding: "dropped after forwarding"
        case .delay(let duration): "delayed \(duration)"
        }
    }

    var forwards: Bool {
        switch self {
        case .badGatewayBeforeForwarding, .dropBeforeForwarding: false
        default: true
        }
    }

    /// The faults a run must survive at every statement.
    public static let transient: [ProxyFault] = [
        .badGatewayBeforeForwarding, .badGatewayAfterForwarding, .dropBeforeForwarding, .dropAfterForwarding,
    ]
}
