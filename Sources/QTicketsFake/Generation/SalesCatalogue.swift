/// What an order can be placed on: for each event, its shows and their sellable seats.
/// Built once from the generated events and seats so that order generation is O(1) per ticket.
struct SalesCatalogue: Sendable {
    struct ShowEntry: Sendable {
        var show: FakeShow
        /// (root id, seat name) of reserved seats that are not disabled.
        var reserved: [(String, String)]
        /// Root id of the general-admission zone, when the show has one.
        var admission: String?
    }

    struct EventEntry: Sendable {
        var event: FakeEvent
        /// Shows that are not deleted; new tickets go only to these.
        var liveShows: [ShowEntry]
        /// All shows: tickets of cancelled orders of deleted events may point anywhere.
        var allShows: [ShowEntry]
        var isDeleted: Bool { event.deletedAt != nil || liveShows.isEmpty }
    }

    /// Events that have at least one show (an order needs a show).
    var events: [EventEntry]

    init(events: [FakeEvent], seats: [Int: [FakeSeat]]) {
        var entries: [EventEntry] = []
        for event in events where !event.shows.isEmpty {
            var all: [ShowEntry] = []
            for show in event.shows {
                var reserved: [(String, String)] = []
                var seen = Set<String>()
                var admission: String?
                for seat in seats[show.id] ?? [] where !seat.disabled && seen.insert(seat.rootID).inserted {
                    if seat.admission { admission = seat.rootID } else { reserved.append((seat.rootID, seat.name)) }
                }
                all.append(ShowEntry(show: show, reserved: reserved, admission: admission))
            }
            entries.append(EventEntry(event: event, liveShows: all.filter { $0.show.deletedAt == nil }, allShows: all))
        }
        self.events = entries
    }
}
