import Foundation

/// `qtickets-ingest status` as text: the verdict, the coverage, the lock, the last error and a
/// table of the recent runs, times in the organiser's zone.
public struct StatusRenderer: Sendable {
    public var organiser: String
    public var database: String
    public var timeZone: TimeZone
    public var now: Date
    public var staleAfter: TimeInterval

    public init(organiser: String, database: String, timeZone: TimeZone, now: Date, staleAfter: TimeInterval) {
        self.organiser = organiser
        self.database = database
        self.timeZone = timeZone
        self.now = now
        self.staleAfter = staleAfter
    }

    public func render(_ status: WarehouseStatus, health: StatusHealth) -> String {
        var lines = ["qtickets-ingest status: organiser \(organiser), database \(database), times in \(timeZone.identifier)"]
        lines.append("health:     \(health.word) (exit \(health.rawValue)): " + verdict(status, health: health))
        lines.append("complete:   " + coverage(status.coverage))
        if let gap = status.coverage.gap {
            let hours = Int((now.timeIntervalSince(gap.from) / 3_600).rounded(.up)) + 1
            lines.append("gap:        \(time(gap.from)) → \(time(gap.to)) (\(HumanDuration.text(status.coverage.gapSeconds))) not loaded; "
                + "close it with a backfill reaching back past it (--since-hours \(hours))")
        }
        lines.append("lock:       " + lock(status.lockHolder))
        if let error = status.lastError {
            let message = error.message.split(separator: "\n").first.map(String.init) ?? ""
            lines.append("last error: \(time(error.startedAt)) run \(error.runID.prefix(8)): \(message.prefix(300))")
        } else {
            lines.append("last error: none recorded")
        }
        lines.append("")
        lines.append(runsTable(status.recentRuns))
        return lines.joined(separator: "\n") + "\n"
    }

    private func verdict(_ status: WarehouseStatus, health: StatusHealth) -> String {
        let limit = HumanDuration.text(staleAfter)
        guard let success = status.lastSuccessAt else { return "no successful run recorded" }
        let ago = "last success \(HumanDuration.text(now.timeIntervalSince(success))) ago"
        switch health {
        case .stale: return "\(ago), longer than INGEST_STALE_AFTER_MINUTES (\(limit))"
        case .failing: return "the newest finished run failed; \(ago)"
        case .healthy, .unknown: return ago
        }
    }

    private func coverage(_ coverage: CoverageSummary) -> String {
        guard let since = coverage.completeSince, let until = coverage.coveredUntil else { return "nothing loaded yet" }
        return "every order changed from \(time(since)) to \(time(until)) is loaded"
    }

    private func lock(_ holder: LockHolder?) -> String {
        guard let holder else { return "not tracked yet (the run lock's lease table comes with issue 8.5)" }
        return "held by \(holder.host) pid \(holder.pid), run \(holder.runID.prefix(8)), since \(time(holder.since))"
    }

    private func runsTable(_ runs: [RecordedRun]) -> String {
        guard !runs.isEmpty else { return "no runs recorded in meta_job_runs" }
        var rows = [["started", "duration", "status", "rows", "window (updated_at)", "run"]]
        for run in runs {
            let duration = run.durationSeconds.map(HumanDuration.text) ?? "-"
            var status = run.status.rawValue
            if run.status == .running, now.timeIntervalSince(run.startedAt) > staleAfter { status += " (no end recorded)" }
            rows.append([time(run.startedAt), duration, status, "\(run.rows)", "\(time(run.window.from)) → \(time(run.window.to))", String(run.runID.prefix(8))])
        }
        let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { column, cell in
                column == row.count - 1 ? cell : cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }

    /// `2025-05-31 12:00:03` in the organiser's zone.
    func time(_ date: Date) -> String {
        var style = Date.VerbatimFormatStyle(
            format: "\(year: .defaultDigits)-\(month: .twoDigits)-\(day: .twoDigits) \(hour: .twoDigits(clock: .twentyFourHour, hourCycle: .zeroBased)):\(minute: .twoDigits):\(second: .twoDigits)",
            timeZone: timeZone, calendar: Calendar(identifier: .gregorian))
        style.locale = Locale(identifier: "en_US_POSIX")
        return date.formatted(style)
    }
}
