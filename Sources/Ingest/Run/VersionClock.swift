import Foundation
import Synchronization

/// The versions of the rows a run stamps itself (`meta_job_runs`, inventory, settings, the
/// daily recompute): milliseconds of the wall clock, but never lower than a version already in
/// the warehouse.
///
/// `ReplacingMergeTree` keeps the highest version of a key, so a version from a host clock that
/// stepped back (NTP, a VM restored, another host a minute behind) would lose to an older row:
/// a run's final `meta_job_runs` row would not replace its `running` row. Seeded from the
/// warehouse's highest version before the run's first write, each version is
/// `max(wall clock, previous + 1)`: strictly increasing, within a run and across runs.
public final class VersionClock: Sendable {
    private let wallClock: @Sendable () -> Date
    private let last: Mutex<UInt64>

    public init(wallClock: @escaping @Sendable () -> Date = Date.init, seed: UInt64 = 0) {
        self.wallClock = wallClock
        self.last = Mutex(seed)
    }

    /// Raises the floor to `version` (the warehouse's highest); never lowers it.
    public func seed(atLeast version: UInt64) {
        last.withLock { $0 = max($0, version) }
    }

    /// The next version: above every version handed out or seeded.
    public func next() -> UInt64 {
        let now = wallClock().millisecondVersion
        return last.withLock { last in
            last = max(last &+ 1, now)
            return last
        }
    }
}
