/// Failures of starting the fake server.
public enum FakeServerError: Error, Sendable {
    /// The bound channel reported no local address (cannot happen for TCP on loopback).
    case noLocalAddress
}
