import Foundation
import Testing

@testable import QTicketsFake

/// The truth is what the end-to-end tests compare ClickHouse against, so it is recomputed
/// here a second, deliberately plain way (Calendar dates, Decimal parsed from the served
/// JSON text) and must agree exactly.
@Suite struct GroundTruthTests {
    /// Straight from DESIGN.md over the generated values, with Foundation's calendar.
    @Test func matchesStraightforwardRecomputation() throws {
        let o = Fixtures.organiser(seed: 3, orders: 4_000, events: 20)
        let truth = o.groundTruth()
        var calendar = Calendar(identifier: .gregorian)
        let moscow = try #require(TimeZone(identifier: "Europe/Moscow"))
        calendar.timeZone = moscow
        var expected: [GroundTruth.SalesKey: GroundTruth.SalesValue] = [:]
        for order in o.orders {
            guard order.payed, order.deletedAt == nil, let payedAt = order.payedAt else { continue }
            let event = try #require(o.events.first { $0.id == order.eventID })
            let c = calendar.dateComponents([.year, .month, .day], from: Date(timeIntervalSince1970: TimeInterval(payedAt)))
            let date = String(format: "%04d-%02d-%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
            for basket in order.baskets where basket.deletedAt == nil && basket.refundedAt == nil {
                let key = GroundTruth.SalesKey(date: date, eventID: event.id, showID: basket.showID, city: event.city.name)
                var v = expected[key] ?? GroundTruth.SalesValue(ticketsSold: 0, revenue: 0, latestPaymentEpoch: 0)
                v.ticketsSold += basket.quantity
                v.revenue += Decimal(basket.priceKopecks) / 100
                v.latestPaymentEpoch = max(v.latestPaymentEpoch, payedAt)
                expected[key] = v
            }
        }
        #expect(truth.sales == expected)
        #expect(truth.timeZone == "Europe/Moscow")

        // Inventory: straightforward, per show.
        var inventory: [Int: GroundTruth.InventoryValue] = [:]
        for event in o.events where event.deletedAt == nil && event.isActive {
            for show in event.shows where show.deletedAt == nil && show.finishDate > o.nowEpoch {
                var roots: [String: FakeSeat] = [:]
                for seat in o.seats[show.id] ?? [] where !seat.disabled && roots[seat.rootID] == nil { roots[seat.rootID] = seat }
                inventory[show.id] = GroundTruth.InventoryValue(
                    eventID: event.id, eventName: event.name, city: event.city.name,
                    ticketsTotal: roots.values.reduce(0) { $0 + $1.maxQuantity },
                    ticketsLeft: roots.values.reduce(0) { $0 + $1.freeQuantity })
            }
        }
        #expect(truth.inventory == inventory)
        let inactive = o.events.filter { !$0.isActive && $0.deletedAt == nil }.flatMap(\.shows).map(\.id)
        #expect(!inactive.isEmpty && inactive.allSatisfy { truth.inventory[$0] == nil })
        #expect(!truth.finishedInventory.isEmpty)
        #expect(Set(truth.finishedInventory.keys).isDisjoint(with: truth.inventory.keys))
    }

    /// The truth recomputed from what the server SERVES (all pages, JSON text), so a
    /// rendering mistake (price, date, flags) cannot hide behind a shared model.
    @Test func matchesTheServedJSON() async throws {
        let o = Fixtures.organiser(seed: 11, orders: 1_500)
        let truth = o.groundTruth()
        try await FakeHarness.with(o) { fake in
            let events = try await fake.allPages("events").rows
            var cityByEvent: [Int: String] = [:]
            for event in events {
                let city = try #require(event["city"] as? [String: Any])
                cityByEvent[try #require(event["id"] as? Int)] = try #require(city["name"] as? String)
            }
            let orders = try await fake.allPages("orders", bodyPrefix: "\"orderBy\":{\"id\":\"asc\"}").rows
            #expect(orders.count == o.orderCount)
            var sold: [GroundTruth.SalesKey: (Int, Decimal)] = [:]
            for order in orders {
                guard order["payed"] as? Bool == true, order["deleted_at"] is NSNull,
                    let payedAt = order["payed_at"] as? String
                else { continue }
                // "2025-11-28T00:04:05+03:00": the Moscow date is the text's date part.
                #expect(payedAt.hasSuffix("+03:00"))
                let date = String(payedAt.prefix(10))
                let eventID = try #require(order["event_id"] as? Int)
                for basket in try #require(order["baskets"] as? [[String: Any]]) {
                    guard basket["deleted_at"] is NSNull, basket["refunded_at"] is NSNull else { continue }
                    let key = GroundTruth.SalesKey(
                        date: date, eventID: eventID, showID: try #require(basket["show_id"] as? Int),
                        city: try #require(cityByEvent[eventID]))
                    // A JSON number with at most two decimals: kopecks are exact after rounding.
                    let number = try #require(basket["price"] as? NSNumber)
                    let price = Decimal(Int((number.doubleValue * 100).rounded())) / 100
                    let quantity = try #require(basket["quantity"] as? Int)
                    let v = sold[key] ?? (0, 0)
                    sold[key] = (v.0 + quantity, v.1 + price)
                }
            }
            #expect(sold.count == truth.sales.count)
            for (key, value) in truth.sales {
                #expect(sold[key]?.0 == value.ticketsSold, "\(key)")
                #expect(sold[key]?.1 == value.revenue, "\(key)")
            }
        }
    }

    @Test func jsonIsStableAndRoundTrips() throws {
        let truth = Fixtures.organiser(seed: 5).groundTruth()
        let data = try truth.jsonData()
        #expect(try truth.jsonData() == data)
        let decoded = try GroundTruth.decode(from: data)
        #expect(decoded == truth)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"revenue\" : \""))  // exact decimal string
        #expect(GroundTruth.money(Decimal(string: "1234.5") ?? 0) == "1234.50")
        #expect(GroundTruth.money(Decimal(7)) == "7.00")
    }

    @Test func datesFollowTheConfiguredZone() throws {
        let o = Fixtures.organiser(seed: 9, orders: 2_000)
        let moscow = o.groundTruth()
        let utc = o.groundTruth(timeZone: try #require(TimeZone(identifier: "UTC")))
        #expect(moscow.totalTicketsSold == utc.totalTicketsSold)
        #expect(moscow.totalRevenue == utc.totalRevenue)
        #expect(Set(moscow.sales.keys) != Set(utc.sales.keys))  // midnight payments move days
    }
}
