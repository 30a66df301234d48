import Foundation
import QTicketsFake
import TestSupport
import Testing
@testable import QTicketsAPI

/// The events listing's decoding (`JSONDecoder` into ``ListPage``<``Event``>, as
/// ``QTicketsClient/events(where:)`` decodes it) under the same seeded mutations as the fast
/// decoders: no crash, no trap, only `DecodingError`s, and a bad event fails its row, not the
/// page. The seed is printed; rerun a failure with `EVENTS_MUTATION_SEED=<seed>`.
@Suite struct EventsMutationTests {
    static let seed: UInt64 = ProcessInfo.processInfo.environment["EVENTS_MUTATION_SEED"].flatMap { UInt64($0) }
        ?? UInt64(Date().timeIntervalSince1970 * 1000)

    static func decode(_ bytes: [UInt8]) throws -> ListPage<Event> {
        try JSONDecoder().decode(ListPage<Event>.self, from: Data(bytes))
    }

    @Test func mutatedEventPagesNeverCrashAndFailOnlyAsDecodingErrors() throws {
        print("EventsMutationTests seed: \(Self.seed) (EVENTS_MUTATION_SEED=\(Self.seed) to repeat)")
        var random = SplitMix64(seed: Self.seed)
        let original = Array(try Samples.data("events-page.json"))
        let pristine = try Self.decode(original)
        #expect(!pristine.rows.isEmpty)
        var outcomes: [String: Int] = [:]
        for round in 0..<1_500 {
            let mutant = Mutator.mutate(original, random: &random)
            do {
                let page = try Self.decode(mutant)
                outcomes[page.rows.contains { if case .failure = $0 { true } else { false } } ? "rows failed" : "decoded", default: 0] += 1
            } catch is DecodingError {
                outcomes["page failed", default: 0] += 1
            } catch {
                Issue.record("round \(round) of seed \(Self.seed): \(type(of: error)): \(error)")
            }
        }
        print("EventsMutationTests outcomes: \(outcomes)")
        #expect(outcomes["decoded", default: 0] > 0 && outcomes["page failed", default: 0] > 0)
    }

    /// The paths that do not go through the fast decoders: the events listing and the error
    /// envelope of a non-2xx answer (both `JSONDecoder`) answer 100,000-deep nesting with a
    /// typed error or a note, not a stack overflow.
    @Test func deepNestingOnTheJSONDecoderPathsIsATypedError() throws {
        let nested = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        for page in [nested, #"{"data":[{"id":1,"shows":\#(nested)}]}"#, #"{"data":\#(nested),"paging":{"total":1}}"#] {
            #expect(throws: DecodingError.self) { try Self.decode(Array(page.utf8)) }
        }
        let answer = TransportResponse(status: 500, body: .init(string: #"{"error":\#(nested)}"#))
        let failure = ResponseClassifier.failure(for: answer, endpoint: .orders)
        #expect(failure.retryable && failure.error.status == 500)
    }
}
