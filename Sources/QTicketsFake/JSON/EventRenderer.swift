/// Renders events as `GET events` does (see `qtickets-samples/events-page.json`): `is_active`
/// as 0/1, the city as an object, shows embedded (deleted ones too, with `deleted_at`).
enum EventRenderer {
    static func write(_ event: FakeEvent, to out: inout JSONOutput) {
        out.object { out in
            out.member("id", event.id)
            out.member("is_active", event.isActive ? 1 : 0)
            out.member("name", event.name)
            out.member("currency_id", "RUB")
            out.member("place_name", event.placeName)
            out.member("place_address", event.placeAddress)
            out.member("place_description", "")
            out.member("city_id", event.city.id)
            out.constantMembers(#""external_id":null,"age":"0+""#)
            out.member("shows", array: event.shows) { out, show in writeShow(show, to: &out) }
            out.member("payments", raw: "[]")
            out.member("city") { out in
                out.member("id", event.city.id)
                out.member("name", event.city.name)
                out.member("timezone", event.city.timezone)
            }
            out.member("place_coordinates", raw: "[56.459527,84.965525]")
            out.timestamps(created: event.createdAt, updated: event.updatedAt, deleted: event.deletedAt)
        }
    }

    static func writeShow(_ show: FakeShow, to out: inout JSONOutput) {
        let prices = show.pricesKopecks
        out.object { out in
            out.member("id", show.id)
            out.member("name", show.name)
            out.member("is_active", show.isActive ? 1 : 0)
            out.member("sale_start_date", raw: "null")
            out.member("sale_finish_date", timestamp: show.saleFinishDate)
            out.member("open_date", timestamp: show.startDate - 1800)
            out.member("start_date", timestamp: show.startDate)
            out.member("finish_date", timestamp: show.finishDate)
            out.member(
                "scheme_properties",
                raw: #"{"admin":{"zones":{}},"zones":{"PARTERRE":{"disabled":"0","spread":{"enabled":""},"rows":[""]}},"seats":[]}"#)
            out.member("prices", array: prices.indices) { out, i in writePrice(of: show, at: i, to: &out) }
            out.key("min_price")
            writePrice(of: show, at: prices.indices.min { prices[$0] < prices[$1] }, to: &out)
            out.key("max_price")
            writePrice(of: show, at: prices.indices.max { prices[$0] < prices[$1] }, to: &out)
            out.timestamps(created: show.createdAt, updated: show.updatedAt, deleted: show.deletedAt)
        }
    }

    /// The show's price at `index` (its id follows the show's first), or `null` without one.
    private static func writePrice(of show: FakeShow, at index: Int?, to out: inout JSONOutput) {
        guard let index else { return out.null() }
        let id = show.firstPriceID + index
        out.object { out in
            out.member("id", id)
            out.member("default_price", kopecks: show.pricesKopecks[index])
            out.member("color_theme", String(id % 7 + 1))
            out.member("modifiers", raw: "[]")
        }
    }
}
