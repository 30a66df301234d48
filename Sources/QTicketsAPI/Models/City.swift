/// The city an event takes place in, embedded in the event as `city{id,name,timezone}`.
/// Its `name` is the `city` of the sales and inventory facts.
public struct City: Sendable, Hashable {
    public var id: Int
    public var name: String
    /// IANA zone of the city (e.g. `Asia/Krasnoyarsk`); informational: the API's timestamps carry
    /// their own offsets.
    public var timezone: String?

    public init(id: Int, name: String, timezone: String? = nil) {
        self.id = id
        self.name = name
        self.timezone = timezone
    }
}
