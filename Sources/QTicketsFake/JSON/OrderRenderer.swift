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
        // PHP renders the reserve flags as `0` or `false`, depending on the code path that saved the order.
        let reserved = q & 1 == 0 ? "0" : "false"
        out.object { out in
            switch defect {
            case .bad(.idBeyondInt64): out.member("id", raw: "18446744073709551616")
            case .missingID: break
            default: out.member("id", order.id)
            }
            out.member("uniqid", order.uniqid)
            out.member("payed", order.payed)
            out.member("payed_at", timestamp: order.payedAt)
            out.member("client_id", order.clientID)
            out.member("client") { out in
                out.member("id", order.clientID)
                out.member("email", order.clientEmail)
                out.member("details") { out in
                    out.member("id", order.clientID - 200_000)
                    out.member("name", order.clientName)
                    out.member("middlename", raw: "null")
                    out.member("surname", order.clientSurname)
                    out.member("phone", order.clientPhone)
                    out.constantMembers(#""vk_id":"","facebook_id":"""#)
                }
            }
            out.constantMembers(#""site_id":1356,"site":{"id":1356,"host":"tickets.example.test"},"payment_id":12133,"payment_type_id":"card""#)
            out.member("payment_card_number", order.payed ? "220000******1234" : nil)
            out.member("payment_url", "https://qtickets.ru/pay/\(order.uniqid)")
            out.member("basket_user_id", order.clientID + 4_000_000)
            out.member("backend_user_id", raw: "null")
            out.member("discount_id", order.baskets.contains { $0.discountKopecks > 0 } ? 6861 : nil)
            out.member("promo_code_id", raw: "null")
            out.member("reserved", raw: reserved)
            out.member("reserved_to", timestamp: order.createdAt + 86_400)
            out.member("reserve_extended", raw: reserved)
            out.member("event_id", order.eventID)
            out.key("price")
            if defect == .badPrice { out.string("abc") } else { out.money(kopecks: order.priceKopecks) }
            out.member("original_price", kopecks: order.originalPriceKopecks)
            out.member("currency_id", "RUB")
            out.member("utm", raw: q & 2 == 0 ? "[]" : #"{"utm_source":"yandex","utm_medium":"cpc","utm_campaign":"62384014"}"#)
            let custom = q & 8 == 0 ? #""""# : #"{"var1":"val1"}"#
            out.member("custom", raw: defect == .placeholder ? marker : custom)
            out.member("fields", raw: q & 4 == 0 ? "[]" : #"{"organization_name":"ИП Петров"}"#)
            out.member("baskets", array: order.baskets.enumerated()) { out, basket in
                writeBasket(basket.element, of: order, defect: basket.offset == 0 ? defect : .none, to: &out)
            }
            out.member("refunds", raw: "[]")
            out.member("integrations", raw: q & 16 == 0 ? "[]" : #"{"roistat":{"roistat_visit":"100018"}}"#)
            out.timestamps(created: order.createdAt, updated: order.updatedAt, deleted: order.deletedAt)
        }
    }

    private static func writeBasket(_ b: FakeBasket, of order: FakeOrder, defect: Defect, to out: inout JSONOutput) {
        let refunded = b.refundedAt != nil
        out.object { out in
            out.member("id", defect == .bad(.negativeBasketID) ? -b.id : b.id)
            out.member("series", "88\(order.eventID)")
            out.member("barcode", b.barcode)
            out.member("show_id", b.showID)
            out.member("seat_id", b.seatID)
            out.member("seat_name", b.seatName)
            out.member("original_price", kopecks: b.originalPriceKopecks)
            out.member("ticket_original_price", kopecks: b.originalPriceKopecks)
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
            out.member("ticket_amount", kopecks: order.isSold(b) || refunded ? b.priceKopecks : 0)
            out.constantMembers(#""service_fee_amount":0,"multiprice_code":null"#)
            out.member("quantity", defect == .bad(.negativeQuantity) ? -max(1, b.quantity) : b.quantity)
            out.member("client_email", b.clientEmail)
            out.member("client_phone", b.clientPhone)
            out.member("client_name", b.clientName)
            out.member("client_surname", b.clientSurname)
            out.constantMembers(#""client_middlename":null,"organization_name":null,"inn":null,"comment":null"#)
            out.member("pdf_url", "https://qtickets.ru/ticket/pdf/\(order.uniqid)/\(b.id)")
            out.constantMembers(#""related_baskets":[],"services":[]"#)
            out.member("checked_at", timestamp: b.checkedAt)
            out.timestamps(created: b.createdAt, updated: b.updatedAt, deleted: b.deletedAt)
            out.member("refunded_at", timestamp: b.refundedAt)
            out.key("refunded_amount")
            if refunded { out.money(kopecks: b.priceKopecks) } else { out.null() }
            out.member("refunded_deduction_amount", raw: refunded ? "0" : "null")
            out.member("refunds", raw: "[]")
        }
    }
}
