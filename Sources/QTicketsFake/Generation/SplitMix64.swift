/// A tiny, fully deterministic pseudo-random generator.
///
/// The fake must produce byte-identical organisers for the same seed on every platform and
/// every run, so that a ground truth written by one process matches the data served by
/// another. `SystemRandomNumberGenerator` cannot be seeded, and Foundation's generators
/// differ between platforms; SplitMix64 is 5 lines and well studied.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) {
        self.state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform integer in `range`, computed without `Int.random(in:using:)` whose
    /// algorithm is an implementation detail of the standard library and may change.
    public mutating func int(in range: ClosedRange<Int>) -> Int {
        let width = UInt64(range.upperBound - range.lowerBound) &+ 1
        if width == 0 { return Int(truncatingIfNeeded: next()) }  // full 64-bit range
        return range.lowerBound + Int(next() % width)
    }

    /// True with probability `p` (0...1), quantised to 1/1_000_000 for determinism.
    public mutating func chance(_ p: Double) -> Bool {
        let threshold = UInt64((p * 1_000_000).rounded())
        return next() % 1_000_000 < threshold
    }

    /// A uniformly chosen element; `nil` only for an empty collection.
    public mutating func pick<C: RandomAccessCollection>(_ c: C) -> C.Element? where C.Index == Int {
        guard !c.isEmpty else { return nil }
        return c[c.startIndex + int(in: 0...(c.count - 1))]
    }
}
