import Foundation
import Testing
@testable import Ingest

@Suite struct SalesCalendarTests {
    let moscow = SalesCalendar(timeZone: TimeZone(identifier: "Europe/Moscow")!)

    func date(_ iso: String) throws -> Date { try Date(iso, strategy: .iso8601) }

    @Test func paymentsAroundMoscowMidnight() throws {
        // 23:59:59 MSK on Nov 3 is still Nov 3; one second later is Nov 4, although UTC says Nov 3 for both.
        #expect(SalesCalendar.isoDate(moscow.day(of: try date("2025-11-03T23:59:59+03:00"))) == "2025-11-03")
        #expect(SalesCalendar.isoDate(moscow.day(of: try date("2025-11-04T00:00:00+03:00"))) == "2025-11-04")
        #expect(SalesCalendar.isoDate(moscow.day(of: try date("2025-11-03T21:30:00Z"))) == "2025-11-04")
        // The same instant in another time zone is another day.
        let utc = SalesCalendar(timeZone: TimeZone(identifier: "UTC")!)
        #expect(SalesCalendar.isoDate(utc.day(of: try date("2025-11-03T21:30:00Z"))) == "2025-11-03")
    }

    @Test func dayStartsAreLocalMidnights() throws {
        let day = moscow.day(of: try date("2025-11-04T12:00:00+03:00"))
        #expect(moscow.start(ofDay: day) == (try date("2025-11-04T00:00:00+03:00")))
        #expect(SalesCalendar.month(day) == 202511)
        #expect(SalesCalendar.isoDate(0) == "1970-01-01")
    }
}
