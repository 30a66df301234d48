import QTicketsAPI

/// Step 2: the live events, every page. They give the orders their cities and name the shows
/// whose seats the inventory polls.
struct FetchEvents: Sendable {
    let context: RunContext

    func run() async throws -> [Event] {
        let events = try await context.metrics.measure("fetch_events") {
            var events: [Event] = []
            for try await event in context.api.events() { events.append(event) }
            return events
        }
        await context.metrics.add("events", events.count)
        return events
    }
}
