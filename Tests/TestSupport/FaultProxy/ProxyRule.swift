import Foundation

/// Which requests a ``ProxyFault`` hits: by position among the requests the proxy has seen
/// (1-based, counted since the rules were set), or by the statement's text, a limited number of
/// times.
public struct ProxyRule: Sendable {
    public enum Selector: Sendable {
        /// The n-th request since the rules were set.
        case requestNumber(Int)
        /// Requests whose statement contains this text (case-insensitive).
        case statementContaining(String)
        case every
    }

    public var selector: Selector
    public var fault: ProxyFault
    /// How many requests this rule may hit.
    public var times: Int

    public init(_ selector: Selector, _ fault: ProxyFault, times: Int = 1) {
        self.selector = selector
        self.fault = fault
        self.times = times
    }

    func matches(number: Int, statement: String) -> Bool {
        guard times > 0 else { return false }
        switch selector {
        case .requestNumber(let n): return n == number
        case .statementContaining(let text): return statement.range(of: text, options: .caseInsensitive) != nil
        case .every: return true
        }
    }
}
