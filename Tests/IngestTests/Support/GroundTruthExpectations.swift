import ClickHouseHTTP
import QTicketsFake
import TestSupport
import Testing

/// The warehouse equals the fake's ground truth: every daily row (exact Decimal revenue, counts,
/// latest payment) and every inventory row, and no row the truth does not have. Read through
/// `replica` when given (each replica of a cluster in turn).
func expectEqualToTruth(
    _ harness: IngestHarness, _ truth: GroundTruth, from replica: ClickHouseClient? = nil, sourceLocation: SourceLocation = #_sourceLocation
) async throws {
    try await expectSalesEqualToTruth(harness, truth, from: replica, sourceLocation: sourceLocation)
    let inventory = try await harness.inventory(from: replica)
    let expected = truth.inventory.mapValues { IngestHarness.Inventory(eventID: $0.eventID, city: $0.city, total: $0.ticketsTotal, left: $0.ticketsLeft) }
    #expect(inventory == expected, sourceLocation: sourceLocation)
}

/// The daily table equals the truth's sales, row for row (inventory not compared: seats read
/// while orders still changed are not the final seats).
func expectSalesEqualToTruth(
    _ harness: IngestHarness, _ truth: GroundTruth, from replica: ClickHouseClient? = nil, sourceLocation: SourceLocation = #_sourceLocation
) async throws {
    let sales = try await harness.sales(from: replica)
    let missing = truth.sales.filter { sales[$0.key] != $0.value }
    let extra = sales.filter { truth.sales[$0.key] == nil }
    #expect(missing.isEmpty, "rows differing from the truth: \(missing.prefix(5).map { "\($0.key): truth \($0.value), ClickHouse \(String(describing: sales[$0.key]))" })", sourceLocation: sourceLocation)
    #expect(extra.isEmpty, "rows the truth does not have: \(extra.prefix(5))", sourceLocation: sourceLocation)
}
