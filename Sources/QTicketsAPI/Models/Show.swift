import Foundation

/// One performance of an event, embedded in the event (`shows[]`); the API has no list of shows.
/// Only what the ingester needs is decoded: `prices` and the messy `scheme_properties` are skipped.
public struct Show: Sendable, Hashable {
    public var id: Int
    public var name: String?
    public var startDate: Date?
    public var finishDate: Date?
    public var isActive: Bool
    public var deletedAt: Date?

    public init(id: Int, name: String? = nil, startDate: Date? = nil, finishDate: Date? = nil, isActive: Bool = true, deletedAt: Date? = nil) {
        self.id = id
        self.name = name
        self.startDate = startDate
        self.finishDate = finishDate
        self.isActive = isActive
        self.deletedAt = deletedAt
    }
}
