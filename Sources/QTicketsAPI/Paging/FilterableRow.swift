import Foundation

/// A row's value of a filtered column, as the client decoded it.
enum FilterValue: Sendable, Equatable {
    case null
    case int(Int)
    case bool(Bool)
    case date(Date)

    init(_ date: Date?) { self = date.map(FilterValue.date) ?? .null }
}

/// A listed model whose columns a `where` clause can be checked against (``PageCheck``).
protocol FilterableRow {
    var id: Int { get }
    /// The value of `column`; `nil` when the model does not decode that column (the clause is
    /// then not checked on this row).
    func filterValue(_ column: String) -> FilterValue?
}

extension Order: FilterableRow {
    func filterValue(_ column: String) -> FilterValue? {
        switch column {
        case "id": .int(id)
        case "event_id": .int(eventID)
        case "payed": .bool(payed)
        case "payed_at": FilterValue(payedAt)
        case "created_at": FilterValue(createdAt)
        case "updated_at": FilterValue(updatedAt)
        case "deleted_at": FilterValue(deletedAt)
        default: nil
        }
    }
}

extension Event: FilterableRow {
    func filterValue(_ column: String) -> FilterValue? {
        switch column {
        case "id": .int(id)
        case "is_active": .bool(isActive)
        case "city_id": cityID.map(FilterValue.int) ?? .null
        case "updated_at": FilterValue(updatedAt)
        case "deleted_at": FilterValue(deletedAt)
        default: nil
        }
    }
}
