import Foundation
import Logging
import Testing
@testable import Ingest

/// The two log formats: the text lines operators grep, and one parseable JSON object per line.
@Suite struct LogLineFormatterTests {
    let date = Date(timeIntervalSince1970: 1_750_000_000.125)

    @Test func aJSONLineParsesBackWithEveryFieldAndNestedMetadata() throws {
        let message = "quote \" backslash \\ newline \n tab \t bell \u{07} кириллица 🎟"
        let line = LogLineFormatter.json(
            level: .warning, label: "qtickets-ingest", message: message,
            metadata: ["run_id": "abc", "list": ["1", "2"], "nested": ["k": "v"], "count": .stringConvertible(42)], date: date)
        #expect(!line.contains("\n"), "one object, one line")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["time"] as? String == "2025-06-15T15:06:40.125Z")
        #expect(object["level"] as? String == "warning")
        #expect(object["label"] as? String == "qtickets-ingest")
        #expect(object["message"] as? String == message)
        let metadata = try #require(object["metadata"] as? [String: Any])
        #expect(metadata["run_id"] as? String == "abc")
        #expect(metadata["list"] as? [String] == ["1", "2"])
        #expect(metadata["nested"] as? [String: String] == ["k": "v"])
        #expect(metadata["count"] as? String == "42")
    }

    /// The shape of swift-log's `StreamLogHandler`, which the operators' greps were written against.
    @Test func aTextLineKeepsTheKeyValueShape() {
        let line = LogLineFormatter.text(level: .info, label: "qtickets-ingest", message: "QTickets API ingestion run finished",
                                         metadata: ["status": "ok", "retries": "0"], source: "Ingest", date: date)
        #expect(line.hasSuffix(" info qtickets-ingest: retries=0 status=ok [Ingest] QTickets API ingestion run finished"))
        #expect(line.hasPrefix("2025-06-1"))
    }
}
