import ClickHouseHTTP
import Foundation

/// The databases the tests may use, leased one test at a time.
///
/// The test server confines the ingester's user to a fixed list of databases
/// (`allow_databases`, as a least-privilege production server would), published by
/// `scripts/clickhouse.sh` as `CLICKHOUSE_TEST_DATABASES`; a random name would be refused with
/// Code 291. So tests lease names from that list: exclusively (a name is handed to one test
/// until it is given back; a test that finds the pool empty waits), dropped before use (a
/// crashed earlier run may have left it full) and after. Only the scratch names (`qt_t…`,
/// `1qt_t…`) are leased: `zakaz` and the benchmarks' databases are on the list too.
public actor DatabasePool {
    public struct Exhausted: Error, CustomStringConvertible {
        public var description: String {
            "the test server publishes no database names (CLICKHOUSE_TEST_DATABASES): restart it with scripts/clickhouse.sh stop && scripts/clickhouse.sh start"
        }
    }

    /// The pool of the tests' ClickHouse (``ClickHouseTestEnvironment/load()``).
    public static let shared = DatabasePool()

    private var capacity: [Bool: Int]?
    private var free: [Bool: [String]] = [:]
    private var waiting: [Bool: [CheckedContinuation<String, Never>]] = [:]

    /// Names whose first character is a digit (they need quoting everywhere): for the quoting tests.
    static func startsWithDigit(_ name: String) -> Bool { name.first?.isNumber == true }

    /// A database name for this test alone; give it back with ``release(_:)``. Creates and
    /// drops nothing (``ClickHouseTestEnvironment/withScratchDatabase(digitFirst:_:)`` does).
    public func lease(digitFirst: Bool = false) async throws -> String {
        if capacity == nil {
            // The scratch names only: `zakaz` and the benchmarks' databases are not leased.
            let names = try ClickHouseTestEnvironment.load().testDatabases.filter { $0.hasPrefix("qt_t") || $0.hasPrefix("1qt_t") }
            free = Dictionary(grouping: names, by: Self.startsWithDigit)
            capacity = free.mapValues(\.count)
        }
        guard capacity?[digitFirst, default: 0] ?? 0 > 0 else { throw Exhausted() }
        if let name = free[digitFirst]?.popLast() { return name }
        return await withCheckedContinuation { waiting[digitFirst, default: []].append($0) }
    }

    /// Hands `name` to the next waiting test, or back to the pool.
    public func release(_ name: String) {
        let digitFirst = Self.startsWithDigit(name)
        if let next = waiting[digitFirst]?.first {
            waiting[digitFirst]?.removeFirst()
            next.resume(returning: name)
        } else {
            free[digitFirst, default: []].append(name)
        }
    }
}
