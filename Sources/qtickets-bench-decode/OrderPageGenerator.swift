import Foundation

/// Realistic order pages, shaped like `shared/qtickets-samples/orders-page.json`: 50 orders a
/// page, 1–4 baskets each, personal fields, `utm` as `[]` or an object, prices with and without
/// kopecks, a mix of paid, pending and cancelled. Deterministic (seeded).
struct OrderPageGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }

    mutating func price() -> String {
        let roubles = int(100...9000)
        return int(0...3) == 0 ? "\(roubles).\(int(10...99))" : "\(roubles)"
    }

    func ts(_ epoch: Int) -> String {
        let f = ISO8601DateFormatter()
        f.timeZone = TimeZone(secondsFromGMT: 3 * 3600)
        return f.string(from: Date(timeIntervalSince1970: Double(epoch)))
    }

    mutating func order(id: Int) -> String {
        let created = 1_700_000_000 + id * 37
        let kind = int(0...9)  // 0-6 paid, 7-8 pending, 9 cancelled
        let payed = kind < 7
        let deleted = kind == 9 ? "\"\(ts(created + 86_400))\"" : "null"
        var baskets: [String] = []
        for b in 0..<int(1...4) {
            let p = price()
            let refunded = payed && int(0...30) == 0 ? "\"\(ts(created + 3600))\"" : "null"
            baskets.append("""
                {"id":\(id * 10 + b),"series":"88\(id % 100000)","barcode":\(payed ? "\"\(100_000_000_000 + id * 10 + b)\"" : "null"),\
                "show_id":\(150_000 + id % 700),"seat_id":"CENTER_PARTERRE-\(b + 1);\(id % 40)","seat_name":"Партер: Ряд \(b + 1), Место \(id % 40)",\
                "original_price":\(p),"ticket_original_price":\(p),"discount_value":null,"price":\(p),"ticket_amount":\(payed ? p : "0"),\
                "service_fee_amount":0,"multiprice_code":null,"quantity":1,"client_email":"user\(id)@example.com","client_phone":"+7910000\(id % 10000)",\
                "client_name":"Иван","client_surname":"Петров","client_middlename":null,"organization_name":null,"legal_name":null,\
                "work_position":null,"inn":null,"kpp":null,"comment":null,"pdf_url":"https://qtickets.ru/ticket/pdf/abc\(id)/82db24e13831066dc792c265eec243fd",\
                "passbook_url":"https://qtickets.ru/ticket/passbook/abc\(id)/82db24e13831066dc792c265eec243fd","related_baskets":[],"services":[],\
                "checked_at":null,"created_at":"\(ts(created))","updated_at":"\(ts(created + 60))","deleted_at":\(deleted),\
                "refunded_at":\(refunded),"refunded_amount":null,"refunded_deduction_amount":null,"refunds":[]}
                """)
        }
        let utm = int(0...2) == 0
            ? #"{"utm_source":"yandex","utm_medium":"cpc","utm_campaign":"62384014","utm_content":"10766679603","utm_term":"билеты"}"#
            : "[]"
        return """
            {"id":\(id),"uniqid":"z7rkjc\(id % 10000)","payed":\(payed ? "true" : "false"),"payed_at":\(payed ? "\"\(ts(created + 30))\"" : "null"),\
            "client_id":\(1_000_000 + id),"client":{"id":\(1_000_000 + id),"email":"user\(id)@example.com","details":{"id":\(700_000 + id),\
            "name":"Иван","middlename":null,"surname":"Петров","phone":"+79100000000","vk_id":"","facebook_id":""}},"site_id":1356,\
            "site":{"id":1356,"host":"organiser.example"},"payment_id":12133,"payment_type_id":"card","payment_card_number":"220000******1234",\
            "payment_url":"https://qtickets.ru/pay/z7rkjc","cancel_url":"https://qtickets.ru/cancel-order/z7rkjc/a800d6bfc609003205752c42844f541c",\
            "basket_user_id":\(5_000_000 + id),"backend_user_id":null,"access_code_id":null,"discount_id":null,"promo_code_id":null,\
            "reserved":\(int(0...1) == 0 ? "0" : "false"),"reserved_to":"\(ts(created + 86_400))","reserve_extended":false,"event_id":\(24_000 + id % 90),\
            "price":\(price()),"original_price":\(price()),"currency_id":"RUB","utm":\(utm),"custom":"","fields":[],\
            "baskets":[\(baskets.joined(separator: ","))],"refunds":[],"integrations":[],"created_at":"\(ts(created))",\
            "updated_at":"\(ts(created + 120))","deleted_at":\(deleted)}
            """
    }

    mutating func page(_ number: Int, perPage: Int = 50, total: Int) -> String {
        let first = 1_600_000 + (number - 1) * perPage
        let rows = (0..<perPage).map { order(id: first + $0) }
        return #"{"data":[\#(rows.joined(separator: ","))],"paging":{"perPage":\#(perPage),"currentPage":\#(number),"total":\#(total)}}"#
    }
}
