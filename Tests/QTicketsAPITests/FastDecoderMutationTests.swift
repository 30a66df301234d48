import Foundation
import QTicketsFake
import TestSupport
import Testing
@testable import QTicketsAPI

/// Seeded byte-wise mutations of real-shaped answers (truncate, flip, splice structural bytes,
/// duplicate, delete, nest): the fast decoders never crash or read out of bounds, throw only
/// `DecodingError`s, and agree with the reference on every mutant. The seed is printed; rerun a
/// failure with `FAST_DECODER_SEED=<seed>`.
@Suite struct FastDecoderMutationTests {
    static let seed: UInt64 = ProcessInfo.processInfo.environment["FAST_DECODER_SEED"].flatMap { UInt64($0) }
        ?? UInt64(Date().timeIntervalSince1970 * 1000)

    static func corpus() throws -> [(name: String, bytes: [UInt8])] {
        var inputs = try ["orders-page.json", "order.json", "seats-flat.json"].map { name in
            (name, Array(try TestSupport.Samples.data(name)))
        }
        inputs.append(("quirk page", Array(QuirkRows.malformedPage.utf8)))
        let compact = QuirkRows.orders.prefix(40).joined(separator: ",")
        inputs.append(("quirk rows", Array(#"{"data":[\#(compact)],"paging":{"perPage":50,"currentPage":1,"total":40}}"#.utf8)))
        inputs.append(("seat rows", Array(#"{"data":{"a":\#(QuirkRows.seats[0]),"b":\#(QuirkRows.seats[1])}}"#.utf8)))
        return inputs
    }

    @Test func mutantsNeverCrashAndAgreeWithTheReference() throws {
        print("FastDecoderMutationTests seed: \(Self.seed) (FAST_DECODER_SEED=\(Self.seed) to repeat)")
        var random = SplitMix64(seed: Self.seed)
        let corpus = try Self.corpus()
        var outcomes: [String: Int] = [:]
        for round in 0..<1_500 {
            let (name, original) = corpus[round % corpus.count]
            let mutant = Mutator.mutate(original, random: &random)
            let label = "round \(round) of seed \(Self.seed) on \(name)"
            for outcome in [
                DecoderAgreement.orders(Data(mutant), label).errorText,
                DecoderAgreement.order(Data(mutant), label).errorText,
                DecoderAgreement.seats(Data(mutant), label).errorText,
            ] {
                if let outcome {
                    #expect(outcome.hasPrefix("DecodingError"), "\(label): \(outcome)")
                    outcomes["error", default: 0] += 1
                } else {
                    outcomes["value", default: 0] += 1
                }
            }
        }
        print("FastDecoderMutationTests outcomes: \(outcomes)")
        #expect(outcomes["value", default: 0] > 0 && outcomes["error", default: 0] > 0)
    }
}

/// Byte-wise mutations that keep a document near its original shape, so that most mutants
/// still reach deep into the decoders before they break (or do not break at all).
enum Mutator {
    static let structural: [UInt8] = Array(#"{}[],:"\ 0-.e1nt"#.utf8) + [0x00, 0x0A, 0x1F, 0x7F, 0x80, 0xC3, 0xFF]

    static func mutate(_ input: [UInt8], random: inout SplitMix64) -> [UInt8] {
        var bytes = input
        for _ in 0..<random.int(in: 1...3) where !bytes.isEmpty {
            let at = random.int(in: 0...(bytes.count - 1))
            switch random.int(in: 0...6) {
            case 0: bytes.removeSubrange(at...)  // truncate
            case 1: bytes[at] ^= UInt8(truncatingIfNeeded: 1 << random.int(in: 0...7))  // flip a bit
            case 2: bytes[at] = structural[random.int(in: 0...(structural.count - 1))]  // a structural byte
            case 3:  // duplicate a slice
                let end = min(bytes.count, at + random.int(in: 1...64))
                bytes.insert(contentsOf: bytes[at..<end], at: random.int(in: 0...bytes.count))
            case 4: bytes.removeSubrange(at..<min(bytes.count, at + random.int(in: 1...16)))  // delete
            case 5:  // nest: wrap what starts here in arrays or objects
                let depth = random.int(in: 1...600)
                let open = random.chance(0.5) ? Array(repeating: UInt8(ascii: "["), count: depth) : Array(String(repeating: #"{"k":"#, count: depth).utf8)
                let close = Array(repeating: open.first == UInt8(ascii: "[") ? UInt8(ascii: "]") : UInt8(ascii: "}"), count: depth)
                let end = min(bytes.count, at + random.int(in: 0...32))
                bytes.insert(contentsOf: close, at: end)
                bytes.insert(contentsOf: open, at: at)
            default: bytes.insert(structural[random.int(in: 0...(structural.count - 1))], at: at)  // insert
            }
        }
        return bytes
    }
}
