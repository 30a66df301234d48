/// Renders orders as the real API does (see `qtickets-samples/orders-page.json`), PHP quirks
/// included: `[]` for empty maps, `reserved` as `0` or `false`, prices as ints or floats,
/// `+03:00` timestamps, personal data present.
enum OrderRenderer {
    /// How to break one order on purpose (fault injection).
    enum Defect: Sendable, Equatable {
        case none
        /// `"price": "abc"` in the order and its first ticket.
        case badPrice
        /// The order object has no `id`.
        case missingID
        /// A per-order bad value (`FaultPlan.BadRecord`).
        case bad(FaultPlan.BadRecord)
        /// `custom` holds `marker` instead of a value, for a hostile answer to splice into.
        case placeholder
    }

    /// Not JSON, and text no generated value contains.
    static let marker = "@@HOSTILE@@"

    static func write(_ order: FakeOrder, defect: Defect = .none, to out: inout JSONOutput) {
        let q = order.quirks
        out.beginObject()
        if defect == .bad(.idBeyondInt64) {
            out.key("id")
            out.raw("18446744073709551616")
        } else if defect != .missingID {
            out.key("id")
            out.int(order.id)
        }
        out.key("uniqid")
        out.string(order.uniqid)
        out.key("payed")
        out.bool(order.payed)
        out.key("payed_at")
        out.timestamp(order.payedAt)
        out.key("client_id")
        out.int(order.clientID)
        out.key("client")
        out.beginObject()
        out.key("id")
        out.int(order.clientID)
        out.key("email")
        out.string(order.clientEmail)
        out.key("details")
        out.beginObject()
        out.key("id")
        out.int(order.clientID - 200_000)
        out.key("name")
        out.string(order.clientName)
        out.key("middlename")
        out.null()
        out.key("surname")
        out.string(order.clientSurname)
        out.key("phone")
        out.string(order.clientPhone)
        out.key("vk_id")
        out.string("")
        out.key("facebook_id")
        out.string("")
        out.endObject()
        out.endObject()
        out.key("site_id")
        out.int(1356)
        out.key("site")
        out.beginObject()
        out.key("id")
        out.int(1356)
        out.key("host")
        out.string("tickets.example.test")
        out.endObject()
        out.key("payment_id")
        out.int(12133)
        out.key("payment_type_id")
        out.string("card")
        out.key("payment_card_number")
        out.optionalString(order.payed ? "220000******1234" : nil)
        out.key("payment_url")
        out.string("https://qtickets.ru/pay/\(order.uniqid)")
        out.key("basket_user_id")
        out.int(order.clientID + 4_000_000)
        out.key("backend_user_id")
        out.null()
        out.key("discount_id")
        out.optionalInt(order.baskets.contains { $0.discountKopecks > 0 } ? 6861 : nil)
        out.key("promo_code_id")
        out.null()
        out.key("reserved")
        if q & 1 == 0 { out.raw("0") } else { out.raw("false") }
        out.key("reserved_to")
        out.timestamp(order.createdAt + 86_400)
        out.key("reserve_extended")
        if q & 1 == 0 { out.raw("0") } else { out.raw("false") }
        out.key("event_id")
        out.int(order.eventID)
        out.key("price")
        if defect == .badPrice { out.string("abc") } else { out.money(kopecks: order.priceKopecks) }
        out.key("original_price")
        out.money(kopecks: order.originalPriceKopecks)
        out.key("currency_id")
        out.string("RUB")
        out.key("utm")
        if q & 2 == 0 {
            out.raw("[]")
        } else {
            out.beginObject()
            out.key("utm_source")
            out.string("yandex")
            out.key("utm_medium")
            out.string("cpc")
            out.key("utm_campaign")
            out.string("62384014")
            out.endObject()
        }
        out.key("custom")
        if defect == .placeholder {
            out.raw(marker)
        } else if q & 8 == 0 {
            out.string("")
        } else {
            out.raw("{\"var1\":\"val1\"}")
        }
        out.key("fields")
        if q & 4 == 0 { out.raw("[]") } else { out.raw("{\"organization_name\":\"ИП Петров\"}") }
        out.key("baskets")
        out.beginArray()
        for (i, basket) in order.baskets.enumerated() {
            writeBasket(basket, of: order, defect: i == 0 ? defect : .none, to: &out)
        }
        out.endArray()
        out.key("refunds")
        out.raw("[]")
        out.key("integrations")
        if q & 16 == 0 { out.raw("[]") } else { out.raw("{\"roistat\":{\"roistat_visit\":\"100018\"}}") }
        out.key("created_at")
        out.timestamp(order.createdAt)
        out.key("updated_at")
        out.timestamp(order.updatedAt)
        out.key("deleted_at")
        out.timestamp(order.deletedAt)
        out.endObject()
    }

    private static func writeBasket(_ b: FakeBasket, of order: FakeOrder, defect: Defect, to out: inout JSONOutput) {
        out.beginObject()
        out.key("id")
        out.int(defect == .bad(.negativeBasketID) ? -b.id : b.id)
        out.key("series")
        out.string("88\(order.eventID)")
        out.key("barcode")
        out.optionalString(b.barcode)
        out.key("show_id")
        out.int(b.showID)
        out.key("seat_id")
        out.string(b.seatID)
        out.key("seat_name")
        out.string(b.seatName)
        out.key("original_price")
        out.money(kopecks: b.originalPriceKopecks)
        out.key("ticket_original_price")
        out.money(kopecks: b.originalPriceKopecks)
        out.key("discount_value")
        if b.discountKopecks == 0 && order.quirks & 32 == 0 { out.null() } else { out.money(kopecks: b.discountKopecks) }
        out.key("price")
        switch defect {
        case .badPrice: out.string("abc")
        case .bad(.threeDecimalPrice):
            let k = max(0, b.priceKopecks)
            out.raw("\(k / 100).\(FakeTimestamp.twoDigits[k % 100])7")
        case .bad(.negativePrice): out.money(kopecks: -max(1, b.priceKopecks))
        default: out.money(kopecks: b.priceKopecks)
        }
        out.key("ticket_amount")
        out.money(kopecks: order.isSold(b) || b.refundedAt != nil ? b.priceKopecks : 0)
        out.key("service_fee_amount")
        out.raw("0")
        out.key("multiprice_code")
        out.null()
        out.key("quantity")
        out.int(defect == .bad(.negativeQuantity) ? -max(1, b.quantity) : b.quantity)
        out.key("client_email")
        out.string(b.clientEmail)
        out.key("client_phone")
        out.string(b.clientPhone)
        out.key("client_name")
        out.string(b.clientName)
        out.key("client_surname")
        out.string(b.clientSurname)
        out.key("client_middlename")
        out.null()
        out.key("organization_name")
        out.null()
        out.key("inn")
        out.null()
        out.key("comment")
        out.null()
        out.key("pdf_url")
        out.string("https://qtickets.ru/ticket/pdf/\(order.uniqid)/\(b.id)")
        out.key("related_baskets")
        out.raw("[]")
        out.key("services")
        out.raw("[]")
        out.key("checked_at")
        out.timestamp(b.checkedAt)
        out.key("created_at")
        out.timestamp(b.createdAt)
        out.key("updated_at")
        out.timestamp(b.updatedAt)
        out.key("deleted_at")
        out.timestamp(b.deletedAt)
        out.key("refunded_at")
        out.timestamp(b.refundedAt)
        out.key("refunded_amount")
        if b.refundedAt != nil { out.money(kopecks: b.priceKopecks) } else { out.null() }
        out.key("refunded_deduction_amount")
        if b.refundedAt != nil { out.raw("0") } else { out.null() }
        out.key("refunds")
        out.raw("[]")
        out.endObject()
    }
}
