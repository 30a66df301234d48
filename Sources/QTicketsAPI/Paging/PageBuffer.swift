import Synchronization

/// A bounded queue between the tasks that fetch pages and the one consumer that uses them.
///
/// A producer waits while `capacity` pages are waiting (backpressure): memory stays bounded by
/// a few pages per worker however fast the API answers and however slowly the consumer takes
/// them (the capacity can be lowered later: ``limit(to:)``). The first failure is delivered to
/// the consumer at once; a producer or a consumer whose task is cancelled leaves at once with
/// `CancellationError`, so a task group around them can always finish.
final class PageBuffer<Element: Sendable>: Sendable {
    private struct Waiting {
        var token: Int
        var element: Element
        var continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var items: [Element] = []
        var waiting: [Waiting] = []
        var consumer: CheckedContinuation<Element?, any Error>?
        var producersLeft: Int
        var failure: (any Error)?
        /// The consumer is gone: nothing more is taken.
        var closed = false
        var consumerCancelled = false
        var cancelledTokens: Set<Int> = []
        var nextToken = 0
        var capacity: Int
    }

    private enum Offer {
        case taken
        case refused
        case handed(CheckedContinuation<Element?, any Error>)
        case waiting
    }

    private let state: Mutex<State>

    init(capacity: Int, producers: Int) {
        self.state = Mutex(State(producersLeft: producers, capacity: max(1, capacity)))
    }

    /// From now on at most `capacity` elements wait: those queued beyond it stay, and producers
    /// wait until the consumer took the queue below it (``OrderListing``: a listing read ahead
    /// within a budget, then consumed a page per worker ahead).
    func limit(to capacity: Int) {
        state.withLock { $0.capacity = max(1, capacity) }
    }

    /// Queues `element`, waiting while the buffer is full. Throws `CancellationError` when the
    /// consumer is gone, the buffer failed, or the calling task is cancelled.
    func send(_ element: Element) async throws {
        let token = state.withLock { s in
            s.nextToken += 1
            return s.nextToken
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let offer = state.withLock { s -> Offer in
                    if s.closed || s.failure != nil || s.cancelledTokens.remove(token) != nil { return .refused }
                    if let consumer = s.consumer {
                        s.consumer = nil
                        return .handed(consumer)
                    }
                    if s.items.count < s.capacity {
                        s.items.append(element)
                        return .taken
                    }
                    s.waiting.append(Waiting(token: token, element: element, continuation: continuation))
                    return .waiting
                }
                switch offer {
                case .taken: continuation.resume()
                case .refused: continuation.resume(throwing: CancellationError())
                case .handed(let consumer):
                    consumer.resume(returning: element)
                    continuation.resume()
                case .waiting: break
                }
            }
        } onCancel: {
            let waiter = state.withLock { s -> CheckedContinuation<Void, any Error>? in
                if let index = s.waiting.firstIndex(where: { $0.token == token }) { return s.waiting.remove(at: index).continuation }
                s.cancelledTokens.insert(token)
                return nil
            }
            waiter?.resume(throwing: CancellationError())
        }
    }

    /// The next element in the order sent, `nil` once every producer finished and the buffer
    /// is empty; throws the first failure as soon as there is one.
    func next() async throws -> Element? {
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Element?, any Error>) in
                let (result, freed) = state.withLock { s -> (Result<Element?, any Error>?, CheckedContinuation<Void, any Error>?) in
                    if let failure = s.failure { return (.failure(failure), nil) }
                    if s.consumerCancelled { return (.failure(CancellationError()), nil) }
                    if !s.items.isEmpty {
                        let element = s.items.removeFirst()
                        guard !s.waiting.isEmpty, s.items.count < s.capacity else { return (.success(element), nil) }
                        let producer = s.waiting.removeFirst()
                        s.items.append(producer.element)
                        return (.success(element), producer.continuation)
                    }
                    if s.producersLeft <= 0 { return (.success(nil), nil) }
                    s.consumer = continuation
                    return (nil, nil)
                }
                freed?.resume()
                if let result { continuation.resume(with: result) }
            }
        } onCancel: {
            let waiter = state.withLock { s -> CheckedContinuation<Element?, any Error>? in
                s.consumerCancelled = true
                defer { s.consumer = nil }
                return s.consumer
            }
            waiter?.resume(throwing: CancellationError())
        }
    }

    /// One producer sent everything it had.
    func producerFinished() {
        let waiter = state.withLock { s -> CheckedContinuation<Element?, any Error>? in
            s.producersLeft -= 1
            guard s.producersLeft <= 0 else { return nil }
            defer { s.consumer = nil }
            return s.consumer  // waiting only when nothing is queued
        }
        waiter?.resume(returning: nil)
    }

    /// A producer failed: the consumer gets `error` (the first one wins), waiting producers leave.
    func fail(_ error: any Error) {
        let (consumer, producers) = state.withLock { s -> (CheckedContinuation<Element?, any Error>?, [Waiting]) in
            guard s.failure == nil, !s.closed else { return (nil, []) }
            s.failure = error
            defer {
                s.consumer = nil
                s.waiting = []
            }
            return (s.consumer, s.waiting)
        }
        consumer?.resume(throwing: error)
        for producer in producers { producer.continuation.resume(throwing: CancellationError()) }
    }

    /// The consumer is done (or gone): queued elements are dropped, producers leave.
    func close() {
        let producers = state.withLock { s -> [Waiting] in
            s.closed = true
            s.items = []
            defer { s.waiting = [] }
            return s.waiting
        }
        for producer in producers { producer.continuation.resume(throwing: CancellationError()) }
    }
}
