/// One event with its city and shows, as `GET events` embeds them.
public struct FakeEvent: Sendable, Hashable, Codable {
    public var id: Int
    public var name: String
    public var isActive: Bool
    public var placeName: String
    public var placeAddress: String
    public var city: FakeCity
    public var shows: [FakeShow]
    public var createdAt: Int
    public var updatedAt: Int
    public var deletedAt: Int?

    public init(
        id: Int, name: String, isActive: Bool, placeName: String, placeAddress: String, city: FakeCity,
        shows: [FakeShow], createdAt: Int, updatedAt: Int, deletedAt: Int?
    ) {
        self.id = id
        self.name = name
        self.isActive = isActive
        self.placeName = placeName
        self.placeAddress = placeAddress
        self.city = city
        self.shows = shows
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.deletedAt = deletedAt
    }
}
