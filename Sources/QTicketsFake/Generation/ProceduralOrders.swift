/// The generated orders of an organiser, derived from their index rather than stored: order
/// `i` is drawn from its own random stream (seeded by the organiser's seed and `i`), placed in
/// the `i`-th slice of the history window. So 5 million orders cost no memory, any order can
/// be built on demand, and, like a real database's auto-increment ids, ids ascend with time:
/// order `i` is placed near `slotStart(i)`, and every time of it lies within a bounded
/// distance of that (see `OrderRecipe`). `indices(timesFrom:through:)` turns a time filter
/// into a range of indices by binary search.
///
/// Immutable (every stored property is a `let` of a Sendable type): safe to share.
final class ProceduralOrders: Sendable {
    static let firstID = 1_600_001
    static let firstBasketID = 12_000_001
    static let firstClientID = 1_000_001

    let count: Int
    let seed: UInt64
    let window: ClosedRange<Int>
    let recipe: OrderRecipe

    init(count: Int, seed: UInt64, window: ClosedRange<Int>, recipe: OrderRecipe) {
        self.count = recipe.catalogue.events.isEmpty ? 0 : max(0, count)
        self.seed = seed
        self.window = window
        self.recipe = recipe
    }

    /// Strictly ascending: 3 ids per index, one of them used.
    func id(at i: Int) -> Int { Self.firstID + 3 * i + Int(hash(i, salt: 1) % 3) }
    func clientID(at i: Int) -> Int { Self.firstClientID + 5 * i + Int(hash(i, salt: 2) % 5) }
    func firstBasketID(at i: Int) -> Int { Self.firstBasketID + i * (recipe.maxTickets + 1) }
    var maxBasketID: Int { count == 0 ? Self.firstBasketID - 1 : firstBasketID(at: count - 1) + recipe.maxTickets }
    var maxClientID: Int { count == 0 ? Self.firstClientID - 1 : clientID(at: count - 1) }

    /// Start of order `i`'s slice of the window; `slotStart(count)` is the window's end.
    func slotStart(_ i: Int) -> Int {
        let span = window.upperBound - window.lowerBound
        return count == 0 ? window.lowerBound : window.lowerBound + Int((Int64(i) * Int64(span)) / Int64(count))
    }

    func times(at i: Int) -> OrderRecipe.Times {
        var rng = stream(i)
        return recipe.times(&rng, slot: slot(i), window: window)
    }

    func order(at i: Int) -> FakeOrder {
        var rng = stream(i)
        let times = recipe.times(&rng, slot: slot(i), window: window)
        return recipe.order(times, &rng, id: id(at: i), firstBasketID: firstBasketID(at: i), clientID: clientID(at: i))
    }

    /// The first index whose id is at least `id` (`count` when none).
    func firstIndex(idAtLeast id: Int) -> Int {
        if id <= Self.firstID { return 0 }
        let guess = (id - Self.firstID) / 3  // id(guess) >= id - 2, id(guess - 1) < id
        if guess >= count { return count }
        return self.id(at: guess) >= id ? guess : guess + 1
    }

    func index(ofID id: Int) -> Int? {
        let i = firstIndex(idAtLeast: id)
        return i < count && self.id(at: i) == id ? i : nil
    }

    /// The indices of every order that may have a time (created, paid, updated, deleted) in
    /// `lower...upper` (nil: unbounded); orders outside have none there.
    func indices(timesFrom lower: Int?, through upper: Int?) -> Range<Int> {
        var start = 0
        var end = count
        if let lower {
            let earliest = lower - OrderRecipe.midnightShift - OrderRecipe.followUpHorizon
            start = firstIndex { slotStart($0 + 1) > earliest }
        }
        if let upper {
            let latest = upper + OrderRecipe.midnightShift + OrderRecipe.creationLead
            end = firstIndex { slotStart($0) > latest }
        }
        return start..<max(start, end)
    }

    private func slot(_ i: Int) -> ClosedRange<Int> {
        let start = slotStart(i)
        return start...max(start, min(window.upperBound, slotStart(i + 1) - 1))
    }

    /// Binary search over `0..<count` for a predicate false...false true...true.
    private func firstIndex(where predicate: (Int) -> Bool) -> Int {
        var low = 0
        var high = count
        while low < high {
            let mid = (low + high) / 2
            if predicate(mid) { high = mid } else { low = mid + 1 }
        }
        return low
    }

    private func stream(_ i: Int) -> SplitMix64 {
        SplitMix64(seed: hash(i, salt: 0))
    }

    /// A well-mixed 64-bit value of (seed, i, salt): the SplitMix64 finaliser, so that the
    /// streams of neighbouring indices do not overlap.
    private func hash(_ i: Int, salt: UInt64) -> UInt64 {
        var z = seed ^ (UInt64(truncatingIfNeeded: i) &* 0xD1B5_4A32_D192_ED03) ^ (salt &* 0x9E37_79B9_7F4A_7C15)
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
