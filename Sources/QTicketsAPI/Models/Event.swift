import Foundation

/// An event with its embedded shows and city object (`GET events`).
public struct Event: Sendable, Hashable, Decodable {
    public var id: Int
    public var name: String
    /// `is_active` arrives as `0`/`1` on events and as a bool elsewhere.
    public var isActive: Bool
    public var cityID: Int?
    /// The city object; `nil` when the API sends `null` or `[]`.
    public var city: City?
    public var shows: [Show]
    public var updatedAt: Date?
    public var deletedAt: Date?

    public init(
        id: Int, name: String, isActive: Bool = true, cityID: Int? = nil, city: City? = nil, shows: [Show] = [],
        updatedAt: Date? = nil, deletedAt: Date? = nil
    ) {
        self.id = id
        self.name = name
        self.isActive = isActive
        self.cityID = cityID ?? city?.id
        self.city = city
        self.shows = shows
        self.updatedAt = updatedAt
        self.deletedAt = deletedAt
    }

    enum CodingKeys: String, CodingKey {
        case id, name, city, shows
        case isActive = "is_active"
        case cityID = "city_id"
        case updatedAt = "updated_at"
        case deletedAt = "deleted_at"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.id = try c.lenientInt(.id)
        self.name = try c.lenientStringIfPresent(.name) ?? ""
        self.isActive = try c.lenientFlag(.isActive, default: true)
        self.city = try c.objectIfPresent(City.self, .city)
        self.cityID = try c.lenientIntIfPresent(.cityID) ?? city?.id
        self.shows = try c.list(Show.self, .shows)
        self.updatedAt = try c.timestampIfPresent(.updatedAt)
        self.deletedAt = try c.timestampIfPresent(.deletedAt)
    }
}
