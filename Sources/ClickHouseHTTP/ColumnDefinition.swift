/// One column of a ``TableDefinition``: a name and its ``ClickHouseType``.
public struct ColumnDefinition: Sendable, Hashable {
    public let name: String
    public let type: ClickHouseType

    public init(_ name: String, _ type: ClickHouseType) {
        self.name = name
        self.type = type
    }
}
