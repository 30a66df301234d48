import Foundation

// How each model is read from the API's PHP-shaped JSON: the snake_case names and the lenient
// readers (KeyedDecodingContainer+Lenient) per field. Every conformance fills its model through
// the model's own initializer, so defaults that depend on other fields (a seat's `rootID`, an
// event's `cityID`) are applied in one place.

extension Basket: Decodable {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.object()
        try self.init(
            id: c.lenientInt("id"), showID: c.lenientInt("show_id"), seatID: c.lenientStringIfPresent("seat_id"),
            price: c.money("price"), originalPrice: c.moneyIfPresent("original_price"),
            quantity: c.lenientIntIfPresent("quantity") ?? 1,
            createdAt: c.timestampIfPresent("created_at"), updatedAt: c.timestampIfPresent("updated_at"),
            deletedAt: c.timestampIfPresent("deleted_at"), refundedAt: c.timestampIfPresent("refunded_at"))
    }
}

extension City: Decodable {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.object()
        try self.init(id: c.lenientInt("id"), name: c.lenientStringIfPresent("name") ?? "", timezone: c.lenientStringIfPresent("timezone"))
    }
}

extension ErrorEnvelope: Decodable {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.object()
        guard let message = try c.lenientStringIfPresent("error") ?? c.lenientStringIfPresent("message") else {
            throw DecodingError.keyNotFound("error" as JSONKey, .init(codingPath: [], debugDescription: "no error message"))
        }
        self.init(error: message, status: try? c.lenientIntIfPresent("status"), code: try? c.lenientStringIfPresent("code"))
    }
}

extension Event: Decodable {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.object()
        try self.init(
            id: c.lenientInt("id"), name: c.lenientStringIfPresent("name") ?? "", isActive: c.lenientFlag("is_active", default: true),
            cityID: c.lenientIntIfPresent("city_id"), city: c.objectIfPresent(City.self, "city"), shows: c.list(Show.self, "shows"),
            updatedAt: c.timestampIfPresent("updated_at"), deletedAt: c.timestampIfPresent("deleted_at"))
    }
}

extension Order: Decodable {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.object()
        try self.init(
            id: c.lenientInt("id"), eventID: c.lenientInt("event_id"), payed: c.lenientFlag("payed"),
            payedAt: c.timestampIfPresent("payed_at"), createdAt: c.timestampIfPresent("created_at"),
            updatedAt: c.timestampIfPresent("updated_at"), deletedAt: c.timestampIfPresent("deleted_at"),
            price: c.money("price"), originalPrice: c.moneyIfPresent("original_price"),
            currencyID: c.lenientStringIfPresent("currency_id"), baskets: c.list(Basket.self, "baskets"))
    }
}

extension Paging: Decodable {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.object()
        try self.init(
            perPage: c.lenientIntIfPresent("perPage") ?? c.lenientIntIfPresent("per_page") ?? 0,
            currentPage: c.lenientIntIfPresent("currentPage") ?? c.lenientIntIfPresent("current_page") ?? 1,
            total: c.lenientInt("total"))
    }
}

extension Seat: Decodable {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.object()
        guard let id = try c.lenientStringIfPresent("id") else {
            throw DecodingError.keyNotFound("id" as JSONKey, .init(codingPath: c.codingPath, debugDescription: "seat without id"))
        }
        try self.init(
            id: id, rootID: c.lenientStringIfPresent("root_id"), zoneID: c.lenientStringIfPresent("zone_id"),
            admission: c.lenientFlag("admission"), maxQuantity: c.lenientInt("max_quantity"), freeQuantity: c.lenientInt("free_quantity"),
            payedQuantity: c.lenientIntIfPresent("payed_quantity") ?? 0, inBasketQuantity: c.lenientIntIfPresent("in_basket_quantity") ?? 0,
            disabled: c.lenientFlag("disabled"))
    }
}

extension Show: Decodable {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.object()
        try self.init(
            id: c.lenientInt("id"), name: c.lenientStringIfPresent("name"), startDate: c.timestampIfPresent("start_date"),
            finishDate: c.timestampIfPresent("finish_date"), isActive: c.lenientFlag("is_active", default: true),
            deletedAt: c.timestampIfPresent("deleted_at"))
    }
}
