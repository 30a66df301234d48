import Synchronization

/// Work items taken one at a time, first in first out, by any number of workers.
final class WorkQueue<Item: Sendable>: Sendable {
    private let items: Mutex<[Item]>

    init(_ items: [Item]) {
        self.items = Mutex(items.reversed())
    }

    func next() -> Item? {
        items.withLock { $0.popLast() }
    }
}
