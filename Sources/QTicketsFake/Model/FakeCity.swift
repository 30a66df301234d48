/// A city as the API embeds it in an event: `city{id,name,timezone}`.
public struct FakeCity: Sendable, Hashable, Codable {
    public var id: Int
    public var name: String
    /// IANA zone of the city. The API still renders every timestamp with `+03:00`;
    /// the zone is here so that a client that wrongly uses it produces wrong dates.
    public var timezone: String

    /// The cities the generator draws from: Cyrillic names across six time zones.
    public static let catalogue: [FakeCity] = [
        FakeCity(id: 1, name: "Москва", timezone: "Europe/Moscow"),
        FakeCity(id: 2, name: "Санкт-Петербург", timezone: "Europe/Moscow"),
        FakeCity(id: 3, name: "Казань", timezone: "Europe/Moscow"),
        FakeCity(id: 7, name: "Калининград", timezone: "Europe/Kaliningrad"),
        FakeCity(id: 11, name: "Самара", timezone: "Europe/Samara"),
        FakeCity(id: 14, name: "Екатеринбург", timezone: "Asia/Yekaterinburg"),
        FakeCity(id: 19, name: "Новосибирск", timezone: "Asia/Novosibirsk"),
        FakeCity(id: 24, name: "Томск", timezone: "Asia/Tomsk"),
        FakeCity(id: 31, name: "Владивосток", timezone: "Asia/Vladivostok"),
    ]
}
