import Foundation

/// One performance of an event, embedded in the event (`shows[]`); the API has no list of shows.
/// Only what the ingester needs is decoded: `prices` and the messy `scheme_properties` are skipped.
public struct Show: Sendable, Hashable, Decodable {
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

    enum CodingKeys: String, CodingKey {
        case id, name
        case startDate = "start_date"
        case finishDate = "finish_date"
        case isActive = "is_active"
        case deletedAt = "deleted_at"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.id = try c.lenientInt(.id)
        self.name = try c.lenientStringIfPresent(.name)
        self.startDate = try c.timestampIfPresent(.startDate)
        self.finishDate = try c.timestampIfPresent(.finishDate)
        self.isActive = try c.lenientFlag(.isActive, default: true)
        self.deletedAt = try c.timestampIfPresent(.deletedAt)
    }
}
