import ClientSupport
import Testing

@Suite struct ServiceURLTests {
    @Test(arguments: ["https://qtickets.ru/api/rest/v1/", "http://127.0.0.1:8123", "HTTPS://Example.org:8443//"])
    func httpAndHttpsURLsWithAHostAreAccepted(_ text: String) throws {
        let url = try ServiceURL(text)
        #expect(!url.string.hasSuffix("/"))
        #expect(url.appending("orders").hasSuffix("/orders"))
    }

    @Test(arguments: ["", "qtickets.ru/api", "ftp://example.org", "https://", "http:///path", "not a url"])
    func anythingElseIsRejected(_ text: String) {
        #expect(throws: ServiceURL.Invalid.self) { try ServiceURL(text) }
    }

    @Test func theErrorNeverEchoesTheValue() {
        do {
            _ = try ServiceURL("ftp://user:hunter2@example.org")
            Issue.record("should have thrown")
        } catch {
            #expect(!"\(error)".contains("hunter2"))
        }
    }
}
