import Synchronization
import Testing
@testable import QTicketsAPI

/// The bounded buffer between the keyset streams and the consumer: producers wait while it is
/// full, the first failure reaches the consumer at once, and nobody is left waiting.
@Suite struct PageBufferTests {
    @Test func aFullBufferHoldsItsProducerUntilTheConsumerTakes() async throws {
        let buffer = PageBuffer<Int>(capacity: 2, producers: 1)
        let sent = Atomic<Int>(0)
        let producer = Task {
            for value in 1...5 {
                try await buffer.send(value)
                sent.add(1, ordering: .relaxed)
            }
            buffer.producerFinished()
        }
        // Two fit; the third waits for the consumer.
        while sent.load(ordering: .relaxed) < 2 { await Task.yield() }
        for _ in 0..<100 { await Task.yield() }
        #expect(sent.load(ordering: .relaxed) == 2)
        var received: [Int] = []
        while let value = try await buffer.next() { received.append(value) }
        #expect(received == [1, 2, 3, 4, 5])
        try await producer.value
    }

    @Test func theFirstFailureReachesAWaitingConsumer() async throws {
        struct Broken: Error, Equatable {}
        let buffer = PageBuffer<Int>(capacity: 2, producers: 2)
        let consumer = Task { try await buffer.next() }
        for _ in 0..<100 { await Task.yield() }
        buffer.fail(Broken())
        buffer.fail(CancellationError())  // later failures do not replace the first
        await #expect(throws: Broken.self) { try await consumer.value }
        await #expect(throws: CancellationError.self) { try await buffer.send(1) }
    }

    /// A full buffer of one and a producer waiting to send a second element.
    func fullBuffer() async throws -> (PageBuffer<Int>, Task<Void, any Error>) {
        let buffer = PageBuffer<Int>(capacity: 1, producers: 1)
        try await buffer.send(1)
        let waiting = Task { try await buffer.send(2) }
        for _ in 0..<100 { await Task.yield() }
        return (buffer, waiting)
    }

    @Test func aCancelledProducerLeavesAFullBuffer() async throws {
        let (buffer, waiting) = try await fullBuffer()
        waiting.cancel()
        await #expect(throws: CancellationError.self) { try await waiting.value }
        #expect(try await buffer.next() == 1)
    }

    @Test func aCancelledConsumerLeavesAnEmptyBuffer() async throws {
        let buffer = PageBuffer<Int>(capacity: 1, producers: 1)
        let consumer = Task { try await buffer.next() }
        for _ in 0..<100 { await Task.yield() }
        consumer.cancel()
        await #expect(throws: CancellationError.self) { try await consumer.value }
    }

    @Test func aClosedBufferRefusesAndReleasesItsProducers() async throws {
        let (buffer, waiting) = try await fullBuffer()
        buffer.close()
        await #expect(throws: CancellationError.self) { try await waiting.value }
        await #expect(throws: CancellationError.self) { try await buffer.send(3) }
    }
}
