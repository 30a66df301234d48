import Synchronization

/// Whether a run's daily staging table outlives one recompute, and whether it exists now.
///
/// A 15-minute run recomputes once: its stage is created and dropped around that recompute. A
/// backfill recomputes once per slice, one slice after another (``SliceHandoff``), under one
/// run id and so one stage name; creating and dropping that table every time cost three
/// statements a slice (of the eleven a slice sends), each a directory made or removed by the
/// server, for a table that is truncated before every fill anyway. Inside
/// ``ClickHouseWarehouse/keepingDailyStage(_:)`` the stage is created by the first recompute and
/// dropped once at the end.
///
/// A reference shared by every copy of the warehouse (it is a value, copied into each slice's
/// context); the lock makes the flags safe to read and set from any task.
final class DailyStageState: Sendable {
    private struct Flags {
        var kept = false
        var exists = false
    }

    private let flags = Mutex(Flags())

    /// Whether recomputes keep the stage for the next one.
    var isKept: Bool { flags.withLock { $0.kept } }

    /// Whether a kept stage has been created (and not dropped since).
    var exists: Bool {
        get { flags.withLock { $0.exists } }
        set { flags.withLock { $0.exists = newValue } }
    }

    /// Starts keeping the stage between recomputes.
    func keep() { flags.withLock { $0.kept = true } }

    /// Stops keeping it; returns whether a kept stage exists (and is now the caller's to drop).
    func release() -> Bool {
        flags.withLock { flags in
            defer { flags = Flags() }
            return flags.exists
        }
    }
}
