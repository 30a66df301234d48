/// `--dry-run`: counts rows and keeps the first few to print. Memory stays flat whatever the
/// window: a count and `keep` rows.
public actor DryRunRowSink<Row: WarehouseRow>: RowSink {
    public private(set) var count = 0
    public private(set) var samples: [Row] = []
    private let keep: Int

    public init(keep: Int = 3) { self.keep = keep }

    public func append(_ row: Row) { record(row) }
    public func append(contentsOf rows: [Row]) { rows.forEach(record) }
    public func finish() -> Int { count }

    /// `table: N rows`, then the samples, indented.
    public func preview() -> [String] {
        ["\(Row.table.name): \(count) rows"] + samples.map { "  \($0.previewLine)" }
    }

    private func record(_ row: Row) {
        count += 1
        if samples.count < keep { samples.append(row) }
    }
}
