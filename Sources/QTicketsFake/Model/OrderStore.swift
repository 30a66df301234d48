/// An organiser's orders, sorted by id: the generated ones derived from their index
/// (`ProceduralOrders`, no memory per order), the ones changed since (kept by index) and the
/// ones added later (kept whole). Reads like an array of `FakeOrder`; only what changed costs
/// memory, so a fake of 5 million orders stays small.
public struct OrderStore: Sendable, RandomAccessCollection, MutableCollection, Equatable {
    let generated: ProceduralOrders?
    /// Changed generated orders, by index.
    private(set) var changed: [Int: FakeOrder] = [:]
    /// Orders added after generation (ids above every generated one).
    private(set) var added: [FakeOrder]

    init(generated: ProceduralOrders) {
        self.generated = generated
        self.added = []
    }

    /// Orders given whole (sorted by id).
    public init(_ orders: [FakeOrder] = []) {
        self.generated = nil
        self.added = orders
    }

    var generatedCount: Int { generated?.count ?? 0 }
    public var startIndex: Int { 0 }
    public var endIndex: Int { generatedCount + added.count }

    public subscript(position: Int) -> FakeOrder {
        get {
            let n = generatedCount
            if position >= n { return added[position - n] }
            if let order = changed[position] { return order }
            // `position < n` implies `generated` is set.
            return generated.map { $0.order(at: position) } ?? added[position]
        }
        set {
            let n = generatedCount
            if position >= n { added[position - n] = newValue } else { changed[position] = newValue }
        }
    }

    /// Appends an order whose id is above every existing one.
    public mutating func append(_ order: FakeOrder) { added.append(order) }
    public mutating func reserveCapacity(_ n: Int) { added.reserveCapacity(n - generatedCount) }

    /// Index of the order with this id, or nil: O(1) for generated orders.
    public func index(ofID id: Int) -> Int? {
        if let generated, added.first.map({ id < $0.id }) ?? true { return generated.index(ofID: id) }
        let i = added.partitioningIndex { $0.id >= id }
        return i < added.count && added[i].id == id ? generatedCount + i : nil
    }

    /// The first index whose order's id is at least `id`.
    func firstIndex(idAtLeast id: Int) -> Int {
        if let generated {
            let i = generated.firstIndex(idAtLeast: id)
            if i < generated.count { return i }
        }
        return generatedCount + added.partitioningIndex { $0.id >= id }
    }

    /// Indices of changed generated orders, ascending.
    var changedIndices: [Int] { changed.keys.sorted() }

    var maxBasketID: Int {
        added.reduce(generated?.maxBasketID ?? 12_000_000) { acc, o in o.baskets.reduce(acc) { Swift.max($0, $1.id) } }
    }

    var maxClientID: Int { added.reduce(generated?.maxClientID ?? 1_000_000) { Swift.max($0, $1.clientID) } }

    public static func == (a: OrderStore, b: OrderStore) -> Bool {
        a.count == b.count && a.elementsEqual(b)
    }
}

/// Encoded as the plain list of orders (decoded whole): a saved organiser is a small one.
extension OrderStore: Codable {
    public init(from decoder: any Decoder) throws {
        self.init(try [FakeOrder](from: decoder))
    }

    public func encode(to encoder: any Encoder) throws {
        try Array(self).encode(to: encoder)
    }
}
