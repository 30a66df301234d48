import Foundation

/// An event with its embedded shows and city object (`GET events`).
public struct Event: Sendable, Hashable {
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
}
