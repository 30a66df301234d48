/// Rendering and parsing of the API's timestamps without Foundation formatters.
///
/// The real API renders every instant as Moscow wall time with a `+03:00` offset, whatever
/// the event's city. Formatting is on the hot path of every orders page (about ten
/// timestamps per order), so it is plain integer arithmetic into the output buffer.
public enum FakeTimestamp {
    /// Moscow has been UTC+3 without DST since 2014.
    public static let moscowOffsetSeconds = 3 * 3600

    /// `2021-05-18T12:23:40+03:00`
    public static func format(_ epoch: Int) -> String {
        var text = ""
        append(epoch, to: &text)
        return text
    }

    /// "00"..."99", so that rendering appends whole tokens instead of single digits.
    static let twoDigits: [String] = (0..<100).map { $0 < 10 ? "0\($0)" : String($0) }

    /// Appends the timestamp (without quotes) to `text`: the hot path of every orders page.
    public static func append(_ epoch: Int, to text: inout String) {
        let local = epoch + moscowOffsetSeconds
        let days = floorDiv(local, 86_400)
        let secs = local - days * 86_400
        let (y, m, d) = civil(fromDays: days)
        text += String(y)
        text += "-"
        text += twoDigits[m]
        text += "-"
        text += twoDigits[d]
        text += "T"
        text += twoDigits[secs / 3600]
        text += ":"
        text += twoDigits[secs % 3600 / 60]
        text += ":"
        text += twoDigits[secs % 60]
        text += "+03:00"
    }

    /// Parses what a client may send as a filter value: ISO-8601 with `Z` or a `±HH:MM` /
    /// `±HHMM` offset and optional fractional seconds; `yyyy-MM-dd HH:mm:ss` and a bare
    /// `yyyy-MM-dd` are read as Moscow time (the API's own convention). Returns epoch
    /// seconds (fractional), or nil when the text is not a date.
    public static func parse(_ text: String) -> Double? {
        let u = Array(text.utf8)
        func num(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= u.count else { return nil }
            var v = 0
            for i in from..<(from + count) {
                let c = u[i]
                guard c >= 48, c <= 57 else { return nil }
                v = v * 10 + Int(c - 48)
            }
            return v
        }
        guard let y = num(0, 4), u.count >= 10, u[4] == UInt8(ascii: "-"), let mo = num(5, 2),
            u[7] == UInt8(ascii: "-"), let d = num(8, 2), (1...12).contains(mo), (1...31).contains(d)
        else { return nil }
        var seconds = Double(days(fromCivil: y, mo, d) * 86_400)
        if u.count == 10 { return seconds - Double(moscowOffsetSeconds) }
        guard u.count >= 19, u[10] == UInt8(ascii: "T") || u[10] == UInt8(ascii: " "),
            let h = num(11, 2), u[13] == UInt8(ascii: ":"), let mi = num(14, 2), u[16] == UInt8(ascii: ":"),
            let s = num(17, 2), h < 24, mi < 60, s < 61
        else { return nil }
        seconds += Double(h * 3600 + mi * 60 + s)
        var i = 19
        if i < u.count, u[i] == UInt8(ascii: ".") {
            i += 1
            var scale = 0.1
            while i < u.count, u[i] >= 48, u[i] <= 57 {
                seconds += Double(u[i] - 48) * scale
                scale /= 10
                i += 1
            }
        }
        if i == u.count { return seconds - Double(moscowOffsetSeconds) }
        if u[i] == UInt8(ascii: "Z"), i + 1 == u.count { return seconds }
        guard u[i] == UInt8(ascii: "+") || u[i] == UInt8(ascii: "-") else { return nil }
        let sign = u[i] == UInt8(ascii: "+") ? 1 : -1
        guard let oh = num(i + 1, 2) else { return nil }
        var om = 0
        if i + 3 == u.count {
            om = 0
        } else if i + 6 == u.count, u[i + 3] == UInt8(ascii: ":"), let m = num(i + 4, 2) {
            om = m
        } else if i + 5 == u.count, let m = num(i + 3, 2) {
            om = m
        } else {
            return nil
        }
        return seconds - Double(sign * (oh * 3600 + om * 60))
    }

    /// `yyyy-MM-dd` of the instant in a fixed UTC offset.
    public static func dateString(_ epoch: Int, offsetSeconds: Int) -> String {
        let (y, m, d) = civil(fromDays: floorDiv(epoch + offsetSeconds, 86_400))
        return "\(y)-\(twoDigits[m])-\(twoDigits[d])"
    }

    static func floorDiv(_ a: Int, _ b: Int) -> Int {
        a >= 0 ? a / b : -((-a + b - 1) / b)
    }

    // Mirrors QTicketsTimestamp's calendar arithmetic on purpose: the fake never shares the client's code.
    /// Howard Hinnant's days_from_civil.
    static func days(fromCivil y0: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = floorDiv(y, 400)
        let yoe = y - era * 400
        let mp = (m + 9) % 12
        let doy = (153 * mp + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// Howard Hinnant's civil_from_days.
    static func civil(fromDays z0: Int) -> (Int, Int, Int) {
        let z = z0 + 719_468
        let era = floorDiv(z, 146_097)
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}
