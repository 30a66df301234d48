import Testing

@Test func placeholder_QTicketsFakeTests() { #expect(Bool(true)) }
