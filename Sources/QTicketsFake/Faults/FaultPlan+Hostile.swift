extension FaultPlan {
    /// An answer on the orders listing (`page`, or every page when nil) that a careless client
    /// crashes on or exhausts its memory with. Big bodies are streamed in chunks, so the fake
    /// itself never holds them.
    public struct Hostile: Sendable, Codable, Equatable {
        public enum Kind: Sendable, Codable, Equatable {
            /// The real page with `paging.total` = 9223372036854775000 (near 2^63).
            case hugeTotal
            /// A well-formed page of `bytes` bytes (its orders repeated): 200 MB by default.
            case hugeBody(bytes: Int)
            /// The first order's `custom` field nested `depth` arrays deep.
            case deepNesting(depth: Int)
            /// The first order's `custom` field a string of `bytes` bytes.
            case hugeString(bytes: Int)
            /// An HTML page with status 200 and `Content-Type: text/html`.
            case html
            /// The page sent `bytesPerTick` bytes every `intervalMilliseconds`, then whitespace
            /// forever: it never completes.
            case trickle(bytesPerTick: Int, intervalMilliseconds: Int)

            public static let defaultHugeBody = Kind.hugeBody(bytes: 200_000_000)
            public static let defaultDeepNesting = Kind.deepNesting(depth: 100_000)
            public static let defaultHugeString = Kind.hugeString(bytes: 50_000_000)
            public static let defaultTrickle = Kind.trickle(bytesPerTick: 4, intervalMilliseconds: 1_000)

            /// The name in stats and on the command line.
            public var name: String {
                switch self {
                case .hugeTotal: return "huge-total"
                case .hugeBody: return "huge-body"
                case .deepNesting: return "deep-nesting"
                case .hugeString: return "huge-string"
                case .html: return "html"
                case .trickle: return "trickle"
                }
            }
        }

        public var kind: Kind
        /// 1-based page of the orders listing; nil = every page.
        public var page: Int?

        public init(_ kind: Kind, page: Int? = nil) {
            self.kind = kind
            self.page = page
        }
    }
}
