import Foundation
import QTicketsAPI

extension BackfillPlan {
    /// The plan of `context`'s backfill: `--from/--to` as given; a `--since-hours` backfill
    /// from its lookback, or from where the last successful window ended if that is earlier
    /// (``RunWindow``), to now.
    init(_ context: RunContext, previous: [CoverageTracker.Window]) {
        let options = context.options
        let days = context.configuration.sliceDays
        if let dates = options.dates {
            let range = dates.range(in: context.calendar)
            self.init(from: range.lowerBound, to: range.upperBound, now: options.now, sliceDays: days, calendar: context.calendar)
        } else {
            let window = RunWindow(now: options.now, sinceHours: options.sinceHours, previous: previous, skew: context.skew)
            self.init(from: window.from, to: nil, now: options.now, sliceDays: days, calendar: context.calendar)
        }
    }

    /// Whether the backfill skips `slice`: an older slice the successful windows cover.
    func isLoaded(_ slice: BackfillSlice, previous: [CoverageTracker.Window]) -> Bool {
        !slice.isOpen && CoverageTracker.covers(slice.window, previous: previous)
    }

    /// The order listings of the slices the backfill will load, newest first: each slice's
    /// window as its ``SalesPipeline`` reads it (from ``SliceStart``, to the slice's end, open
    /// for the newest), so a listing started ahead (``SliceListings``) is the one its slice takes.
    func listings(previous: [CoverageTracker.Window], context: RunContext) -> [KeysetRange] {
        slices.filter { !isLoaded($0, previous: previous) }.map { slice in
            let start = SliceStart(slice, covered: previous, skew: context.skew)
            return KeysetRange(column: context.configuration.ordersDateColumn, from: start.from, to: slice.isOpen ? nil : slice.to)
        }
    }
}
