import Foundation
import Testing
@testable import Ingest

@Suite struct DotEnvParserTests {
    @Test func parsesTheShapesOperatorsWrite() throws {
        let text = """
            # comment
            QTICKETS_API_BASE_URL=https://qtickets.ru/api/rest/v1
            export TZ=Europe/Moscow
            ORG_NAME="Театр \\"Модерн\\"" # trailing comment
            CLICKHOUSE_PASSWORD='p#ss word'
            EMPTY=
            SPACED = value with spaces   # note

            """
        let entries = try DotEnvParser.parse(text, file: "x.env")
        let values = Dictionary(uniqueKeysWithValues: entries.map { ($0.key, $0.value) })
        #expect(values["QTICKETS_API_BASE_URL"] == "https://qtickets.ru/api/rest/v1")
        #expect(values["TZ"] == "Europe/Moscow")
        #expect(values["ORG_NAME"] == "Театр \"Модерн\"")
        #expect(values["CLICKHOUSE_PASSWORD"] == "p#ss word")
        #expect(values["EMPTY"] == "")
        #expect(values["SPACED"] == "value with spaces")
        #expect(entries.first { $0.key == "TZ" }?.line == 3)
    }

    @Test func malformedLinesNameFileAndLine() {
        #expect(throws: ConfigurationError.malformedLine(file: "a.env", line: 2, reason: "expected KEY=VALUE")) {
            try DotEnvParser.parse("A=1\nthis is not a pair\n", file: "a.env")
        }
        #expect(throws: ConfigurationError.malformedLine(file: "a.env", line: 1, reason: "unterminated quote in the value of A")) {
            try DotEnvParser.parse("A=\"open\n", file: "a.env")
        }
        #expect(throws: ConfigurationError.malformedLine(file: "a.env", line: 1, reason: "invalid key name")) {
            try DotEnvParser.parse("1A=x\n", file: "a.env")
        }
    }
}
