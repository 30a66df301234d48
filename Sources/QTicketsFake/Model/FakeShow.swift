/// One show (a date of an event). Times are Unix epoch seconds.
public struct FakeShow: Sendable, Hashable, Codable {
    public var id: Int
    public var eventID: Int
    public var name: String
    public var isActive: Bool
    public var startDate: Int
    public var finishDate: Int
    public var saleFinishDate: Int
    public var createdAt: Int
    public var updatedAt: Int
    public var deletedAt: Int?
    /// Tariffs of the show in kopecks; baskets draw their original price from here.
    public var pricesKopecks: [Int]
    /// Id of the first tariff; tariffs are numbered consecutively from it.
    public var firstPriceID: Int

    public init(
        id: Int, eventID: Int, name: String, isActive: Bool, startDate: Int, finishDate: Int,
        saleFinishDate: Int, createdAt: Int, updatedAt: Int, deletedAt: Int?, pricesKopecks: [Int], firstPriceID: Int
    ) {
        self.id = id
        self.eventID = eventID
        self.name = name
        self.isActive = isActive
        self.startDate = startDate
        self.finishDate = finishDate
        self.saleFinishDate = saleFinishDate
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.deletedAt = deletedAt
        self.pricesKopecks = pricesKopecks
        self.firstPriceID = firstPriceID
    }
}
