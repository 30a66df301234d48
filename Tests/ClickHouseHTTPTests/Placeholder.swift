import Testing

@Test func placeholder_ClickHouseHTTPTests() { #expect(Bool(true)) }
