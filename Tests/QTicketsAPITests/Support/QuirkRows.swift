/// PHP-shaped rows and envelopes for the decoder agreement tests: every quirk the lenient
/// readers accept (`QuirkDecodingTests`), their neighbours, and what they reject.
enum QuirkRows {
    static let base = #""id":7,"event_id":3,"payed":true,"price":100"#
    static let basket = #""id":1,"show_id":2,"price":10"#

    static let orders: [String] = {
        var rows: [String] = []
        // Prices: ints, floats, numeric strings, exponents, zeros, garbage, huge, null.
        for price in [
            "1234.56", "0.1", "99999.99", "0.07", "2.675", "1.005", "0", "390", "12345678901234.99", "1e2", "-15.5", "4.50",
            "1500", "0.00", "-0", "-0.0", "0.10", "00.5", "1.", "-", "1e400", "1E+2", "12345678901234567890", "1234567890123456789",
            "9999999999999999999", "123456789012345678901234567890", "\"390.50\"", "\"12abc\"", "\"\"", "\" 5 \"", "\"1e2\"",
            "null", "true", "[]", "{}", "\"-0.00\"",
        ] {
            rows.append(#"{"id":7,"event_id":3,"payed":true,"price":\#(price),"original_price":\#(price),"baskets":[{\#(basket)}]}"#)
            rows.append(#"{\#(base),"baskets":[{"id":1,"show_id":2,"price":\#(price),"original_price":\#(price)}]}"#)
        }
        // Flags.
        for flag in [
            "true", "false", "1", "0", "2", "-1", "1.5", "\"1\"", "\"0\"", "\"\"", "null", "\"true\"", "\"TRUE\"", "\" yes \"", "\"on\"",
            "\"off\"", "\"no\"", "\"maybe\"", "[]", "{}", "1e0",
        ] {
            rows.append(#"{"id":7,"event_id":3,"price":1,"payed":\#(flag)}"#)
        }
        // Integers: numeric strings, floats, overflow.
        for id in [
            "\"1614202\"", "\"007\"", "\" 12 \"", "\"+5\"", "\"-5\"", "\"\"", "1.0", "5.5", "1e2", "-0", "01", "18446744073709551616",
            "9223372036854775807", "9223372036854775808", "123456789012345678", "1234567890123456789", "null", "true", "\"12a\"",
        ] {
            rows.append(#"{"id":\#(id),"event_id":\#(id),"price":1}"#)
            rows.append(#"{\#(base),"baskets":[{"id":1,"show_id":\#(id),"price":1,"quantity":\#(id)}]}"#)
        }
        // Timestamps.
        for ts in [
            "2021-05-18T12:23:40+03:00", "2021-05-18T09:23:40Z", "2021-05-18T09:23:40.250Z", "2021-05-18T12:23:40+0300",
            "2021-05-18 12:23:40+03:00", "2021-05-18T04:23:40-05:00", "2021-05-18T12:23:40", "2024-02-29T23:59:59+03:00",
            "0000-00-00 00:00:00", "", "yesterday", "2021-13-01T00:00:00+03:00", "2021-05-18T12:23:40+03:00 ", #"2021\/05\/18"#,
            #"2021-05-18T12:23:40\u002B03:00"#,
        ] {
            rows.append(#"{\#(base),"payed_at":"\#(ts)","created_at":"\#(ts)","baskets":[{\#(basket),"refunded_at":"\#(ts)"}]}"#)
        }
        rows.append(#"{\#(base),"payed_at":null,"deleted_at":1621329820}"#)
        // Strings.
        for text in ["\"RUB\"", "\"\"", "\"Рубль\"", "\"R\\u0055B\"", "12", "1.5", "null", "true", "[]"] {
            rows.append(#"{\#(base),"currency_id":\#(text),"baskets":[{\#(basket),"seat_id":\#(text)}]}"#)
        }
        // Containers, unknown and duplicated fields, escaped and odd keys.
        rows += [
            #"{\#(base),"utm":[],"fields":{"a":1},"integrations":"","custom":[],"refunds":[]}"#,
            #"{\#(base),"brand_new_field":{"x":[1,2,{"y":null}]},"another":3.5,"baskets":[{\#(basket),"mystery":true}]}"#,
            #"{\#(base),"baskets":{"1":{"id":11,"show_id":1,"price":1},"0":{"id":10,"show_id":1,"price":2}}}"#,
            #"{\#(base),"baskets":null}"#, #"{\#(base),"baskets":[]}"#, #"{\#(base),"baskets":"none"}"#,
            #"{\#(base),"baskets":[{\#(basket)},]}"#, #"{\#(base),"baskets":[{\#(basket)},5]}"#,
            #"{"id":7,"id":8,"event_id":3,"price":1,"price":2}"#, #"{"id":"x","id":8,"event_id":3,"price":1}"#,
            #"{"\u0069d":7,"event_id":3,"price":1}"#, #"{"id":7,"\u0069d":8,"event_id":3,"price":1}"#,
            #"{\#(base),"ключ":1}"#, #"{\#(base),"a\qb":1}"#, #"{\#(base),"x":"a\qb"}"#, #"{\#(base),"x":{"a\qb":1}}"#,
            #"{\#(base),}"#, "{}", "[]", "5", "null", "\"order\"", #"{"uniqid":"no id at all"}"#,
            #"{"event_id":3,"price":1}"#, #"{"id":7,"price":1}"#, #"{"id":7,"event_id":3}"#,
            #"{\#(base),"client":{"details":{"name":"Иван","phone":"+7"}},"comment":"line\nbreak \"quoted\" \\ \/ \u0416"}"#,
        ]
        return rows
    }()

    /// Envelopes: paging in both spellings, PHP's `[]`, missing or odd `data`, trailing commas.
    static let envelopes: [String] = {
        let row = #"{"id":1,"event_id":1,"price":1}"#
        var pages = [
            #"{"data":[\#(row)],"paging":{"perPage":"10","currentPage":1,"total":"1"}}"#,
            #"{"data":[\#(row)],"paging":{"per_page":10,"current_page":2,"total":1}}"#,
            #"{"data":[\#(row)],"paging":{"perPage":10,"per_page":20,"total":1}}"#,
            #"{"data":[\#(row)],"paging":[]}"#, #"{"data":[\#(row)],"paging":null}"#, #"{"data":[\#(row)],"paging":[1]}"#,
            #"{"data":[\#(row)],"paging":{"perPage":10}}"#, #"{"data":[\#(row)],"paging":{"total":9223372036854775807}}"#,
            #"{"data":[\#(row)],"paging":{"total":9223372036854775808}}"#, #"{"data":[\#(row)],"paging":"x"}"#,
            #"{"data":[\#(row)]}"#, #"{"data":[]}"#, #"{"data":null}"#, #"{"data":{}}"#, #"{"data":{"0":\#(row)}}"#, #"{"data":5}"#,
            #"{"paging":{"total":1}}"#, "{}", "[]", "", " ", "null", #"{"data":[\#(row)],}"#, #"{"data":[\#(row),]}"#,
            #"{"data":[\#(row)]} x"#, #"{"data":[\#(row)]}  "#, #"{"data":[\#(row)],"data":[]}"#, #"{"data":\#(row)}"#,
            #"{"data":\#(row),"data":[]}"#, #"{"\u0064ata":[\#(row)]}"#, #"{"error":"Wrong authorization"}"#,
            #"{"data":[\#(row)"#, #"{"data":[\#(row)]"#, "<html>404</html>",
        ]
        pages.append("\u{FEFF}" + #"{"data":[\#(row)]}"#)
        return pages
    }()

    static let seats: [String] = [
        #"{"id":"s","root_id":"r","zone_id":"z","admission":false,"max_quantity":1,"free_quantity":1,"payed_quantity":0,"in_basket_quantity":0,"disabled":false}"#,
        #"{"id":"s","max_quantity":"3","free_quantity":2,"disabled":"1","admission":"0"}"#,
        #"{"id":12,"max_quantity":1,"free_quantity":1}"#, #"{"id":1.5,"max_quantity":1,"free_quantity":1}"#,
        #"{"id":"s","max_quantity":1}"#, #"{"max_quantity":1,"free_quantity":1}"#, #"{"id":null,"max_quantity":1,"free_quantity":1}"#,
        #"{"id":"s","max_quantity":1,"free_quantity":1,"disabled":"yes","admission":" 1"}"#,
        #"{"id":"s","max_quantity":1,"free_quantity":1,"disabled":null,"payed_quantity":null,"root_id":null}"#,
        #"{"id":"s","max_quantity":1,"free_quantity":1,"id":"t"}"#, "[]", "null", "5",
    ]

    /// The rows of `QuirkDecodingTests.oneMalformedOrderDoesNotFailItsPage`, as one page.
    static let malformedPage: String = {
        let rows = [
            #"{"id":1,"event_id":1,"payed":true,"price":10,"baskets":[]}"#,
            #"{"id":2,"event_id":1,"payed":true,"price":"ten roubles","baskets":[]}"#,
            #"{"id":3,"event_id":1,"payed":true,"price":30,"baskets":[{"id":1,"price":1}]}"#,
            #"{"uniqid":"no id at all"}"#,
            #"{"id":5,"event_id":1,"payed":false,"price":50}"#,
        ]
        return #"{"data":[\#(rows.joined(separator: ",\n"))],"paging":{"perPage":50,"currentPage":1,"total":5}}"#
    }()
}
