import AsyncHTTPClient
import Foundation
import NIOCore
import TestSupport
import Testing

/// The fault-injecting proxy that the reliability tests put in front of the real ClickHouse:
/// it must relay faithfully, and its faults must mean what they say (a 502 *after* forwarding
/// leaves the statement executed; one *before* leaves it not run).
@Suite(.serialized) struct FaultProxyTests {
    @Test func faultsBeforeForwardingNeverReachTheServerAndFaultsAfterForwardingDo() async throws {
        let env = try ClickHouseTestEnvironment.load()
        let proxy = try await ClickHouseFaultProxy.start(upstream: env.url)
        let http = HTTPClient(eventLoopGroupProvider: .singleton)
        let table = "default.fault_proxy_\(UUID().uuidString.prefix(8).lowercased())"
        func post(_ sql: String) async throws -> (Int, String) {
            var request = HTTPClientRequest(url: proxy.url + "/")
            request.method = .POST
            request.headers.add(name: "X-ClickHouse-User", value: "default")
            request.body = .bytes(ByteBuffer(string: sql))
            let response = try await http.execute(request, timeout: .seconds(30))
            return (Int(response.status.code), String(buffer: try await response.body.collect(upTo: 1 << 20)))
        }
        do {
            #expect(try await post("CREATE TABLE \(table) (n UInt8) ENGINE = Memory").0 == 200)
            proxy.setRules([
                ProxyRule(.statementContaining("VALUES (1)"), .badGatewayBeforeForwarding),
                ProxyRule(.statementContaining("VALUES (2)"), .badGatewayAfterForwarding),
                ProxyRule(.statementContaining("VALUES (3)"), .dropAfterForwarding),
            ])
            #expect(try await post("INSERT INTO \(table) VALUES (1)").0 == 502)
            #expect(try await post("INSERT INTO \(table) VALUES (2)").0 == 502)
            await #expect(throws: (any Error).self) { try await post("INSERT INTO \(table) VALUES (3)") }
            #expect(try await post("INSERT INTO \(table) VALUES (4)").0 == 200)
            #expect(try await post("SELECT groupArray(n) FROM (SELECT n FROM \(table) ORDER BY n)").1 == "[2,3,4]\n")
            #expect(proxy.injected.map(\.fault) == [.badGatewayBeforeForwarding, .badGatewayAfterForwarding, .dropAfterForwarding])
            #expect(proxy.requests.count == 6)
        } catch {
            Issue.record(error)
        }
        _ = try? await post("DROP TABLE IF EXISTS \(table)")
        try await http.shutdown()
        await proxy.shutdown()
    }
}
