import Testing

@Test func placeholder_QTicketsAPITests() { #expect(Bool(true)) }
