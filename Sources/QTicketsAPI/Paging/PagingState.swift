/// The mutable side of `PagedSequence.Iterator`: the window of page fetches in flight, the rows
/// of the current page, and the ids already delivered. Owned by one iterator, never shared.
final class PagingState<Element: Sendable> {
    private let window: Int
    private let identify: @Sendable (Element) -> Int
    private let fetch: @Sendable (Int) async throws -> FetchedPage<Element>

    private var pending: [(page: Int, task: Task<FetchedPage<Element>, any Error>)] = []
    private var buffer: [Element] = []
    private var index = 0
    private var nextPage = 1
    /// Largest page count any answer has implied; `nil` until page 1 has answered.
    private var knownPages: Int?
    /// First page that came back empty: the listing ends before it.
    private var firstEmptyPage: Int?
    private var seen = Set<Int>()
    private var finished = false

    init(window: Int, identify: @escaping @Sendable (Element) -> Int, fetch: @escaping @Sendable (Int) async throws -> FetchedPage<Element>) {
        self.window = window
        self.identify = identify
        self.fetch = fetch
    }

    deinit {
        for entry in pending { entry.task.cancel() }
    }

    func next(isolation actor: isolated (any Actor)? = #isolation) async throws -> Element? {
        while true {
            if index < buffer.count {
                let element = buffer[index]
                index += 1
                return element
            }
            buffer.removeAll(keepingCapacity: true)
            index = 0
            if finished { return nil }
            schedule()
            guard !pending.isEmpty else {
                finished = true
                return nil
            }
            let (number, task) = pending.removeFirst()
            let page: FetchedPage<Element>
            do {
                page = try await withTaskCancellationHandler {
                    try await task.value
                } onCancel: {
                    task.cancel()
                }
            } catch {
                finished = true
                for entry in pending { entry.task.cancel() }
                pending.removeAll()
                throw error
            }
            absorb(page, number: number)
        }
    }

    private var lastPage: Int? {
        guard let knownPages else { return nil }
        if let firstEmptyPage { return min(knownPages, firstEmptyPage - 1) }
        return knownPages
    }

    private func schedule() {
        guard let lastPage else {
            if pending.isEmpty && nextPage == 1 { start(1) }
            return
        }
        while pending.count < window, nextPage <= lastPage {
            start(nextPage)
        }
    }

    private func start(_ number: Int) {
        let fetch = self.fetch
        pending.append((number, Task { try await fetch(number) }))
        nextPage = number + 1
    }

    private func absorb(_ page: FetchedPage<Element>, number: Int) {
        let implied = page.paging?.pageCount ?? number
        knownPages = max(knownPages ?? 0, implied)
        if page.rawCount == 0 {
            firstEmptyPage = min(firstEmptyPage ?? number, number)
        }
        for row in page.rows where seen.insert(identify(row)).inserted {
            buffer.append(row)
        }
    }
}
