import Synchronization

/// Stops a run whose lease was lost: another run may now hold the lock, and two writers must
/// never swap the same month. ``RunLock``'s heartbeat reports the loss; the run's work, once
/// attached, is cancelled and the run ends `error` with ``reason``.
public final class LockLoss: Sendable {
    private struct State {
        var reason: String?
        var cancel: (@Sendable () -> Void)?
    }

    private let state = Mutex(State())

    public init() {}

    /// Why the lease was lost, once it was.
    public var reason: String? { state.withLock { $0.reason } }

    /// The lease is lost: cancels the attached work (now, or as soon as it is attached).
    public func report(_ reason: String) {
        let cancel = state.withLock { state -> (@Sendable () -> Void)? in
            guard state.reason == nil else { return nil }
            state.reason = reason
            return state.cancel
        }
        cancel?()
    }

    /// The work to cancel when the lease is lost.
    public func attach(cancel: @escaping @Sendable () -> Void) {
        let lostAlready = state.withLock { state -> Bool in
            state.cancel = cancel
            return state.reason != nil
        }
        if lostAlready { cancel() }
    }
}
