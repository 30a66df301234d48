import ClickHouseHTTP

/// What the warehouse records about itself (statements in ``SettingsSQL``).
extension ClickHouseWarehouse {
    var settingsSQL: SettingsSQL { SettingsSQL(sql: sql) }

    public func recordedSettings() async throws -> [String: String] {
        guard try await exists(SettingRow.table) else { return [:] }
        let pairs = try await rows(of: settingsSQL.settings, named: "the recorded settings") { row in
            row["key"].flatMap { key in row["value"].map { (key, $0) } }
        }
        return Dictionary(pairs) { _, last in last }
    }

    public func record(_ setting: SettingRow) async throws {
        var writer = RowBinaryWriter()
        try writer.write(setting, validate: true)
        try await insert(sql.insert(into: SettingRow.table), body: writer.buffer, named: "the setting \(setting.key)")
    }

    public func holdsTickets() async throws -> Bool {
        guard try await exists(TicketRow.table) else { return false }
        return try await flag(settingsSQL.holdsTickets, named: "whether the ticket table holds rows")
    }

    public func maxTicketID() async throws -> UInt64 {
        guard try await exists(TicketRow.table) else { return 0 }
        let ids = try await rows(of: settingsSQL.maxTicketID, named: "the highest ticket id") { $0["id"].flatMap { UInt64($0) } }
        return ids.first ?? 0
    }

    public func maxVersion() async throws -> UInt64 {
        let versions = try await rows(of: settingsSQL.maxVersion, named: "the highest version") { $0["version"].flatMap { UInt64($0) } }
        return versions.first ?? 0
    }

    public func fillTicketDayIndex() async throws {
        // Re-sent, it adds the same index entries again: harmless (a look-up set, not a count).
        try await execute(settingsSQL.fillTicketDays, named: "the ticket-day index fill")
    }

    private func exists(_ table: TableDefinition) async throws -> Bool {
        try await flag(settingsSQL.exists(table), named: "whether \(table.name) exists")
    }

    private func flag(_ query: String, named what: String) async throws -> Bool {
        let values = try await rows(of: query, named: what) { $0["present"].flatMap { Int($0) } }
        return (values.first ?? 0) > 0
    }
}
