import ClientSupport
import Foundation
import Logging
import QTicketsAPI
import QTicketsFake
import TestSupport
import Testing
@testable import Ingest

/// Orders of events the live-events listing did not return get their city by an event lookup,
/// page by page, through a cache that stays bounded.
@Suite struct EventCitiesTests {
    @Test func lookedUpCitiesAreCachedBoundedAndCompleteForThePage() async throws {
        let organiser = Organiser.generate(OrganiserSpec(seed: 5, events: 12, orders: 50), now: Date(timeIntervalSince1970: 1_764_000_000))
        let server = try await FakeQTicketsServer.start(organiser: organiser, token: "t", threads: 1)
        let client = try QTicketsClient(
            configuration: QTicketsConfiguration(baseURL: try ServiceURL(server.baseURL), token: Secret("t")), logger: Logger(label: "test"))
        try await withCleanup {
            // Nothing live: every event is looked up; a cache of 4.
            var cities = EventCities(events: [], capacity: 4)
            let ids = organiser.events.map(\.id)
            let city = Dictionary(uniqueKeysWithValues: organiser.events.map { ($0.id, $0.city.name) })

            let first = try await cities.resolve(Set(ids.prefix(3) + [999_999]), api: client)
            #expect(first.cities == city.filter { ids.prefix(3).contains($0.key) })
            #expect(first.unknown == [999_999])
            let requests = await server.stats().byRoute["events"] ?? 0
            #expect(requests == 1)

            // Cached (the unknown one too): no request.
            let again = try await cities.resolve(Set(ids.prefix(2) + [999_999]), api: client)
            #expect(again.cities.count == 2 && again.unknown == [999_999])
            #expect(await server.stats().byRoute["events"] == requests)

            // More events than the cache holds: the page's answer is still complete.
            let many = try await cities.resolve(Set(ids.suffix(8)), api: client)
            #expect(many.cities == city.filter { ids.suffix(8).contains($0.key) })
            #expect(cities.cached <= 4)
        } cleanup: {
            try await client.shutdown()
            try await server.shutdown()
        }
    }
}
