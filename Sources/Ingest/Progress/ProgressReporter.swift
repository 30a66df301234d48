import Logging

/// Shows a run's progress while it runs: every `interval` a `Progress` log line, or on a
/// terminal a bar redrawn every second; and with each interval, `onTick` (the Prometheus
/// textfile, so long runs are visible to monitoring before they end).
///
/// Runs as a child task of the run and stops when cancelled; a run shorter than the interval
/// shows nothing.
struct ProgressReporter: Sendable {
    let metrics: RunMetrics
    let display: ProgressDisplay
    let interval: Duration
    let logger: Logger
    let onTick: @Sendable (MetricsSnapshot) async -> Void

    func run() async {
        guard interval > .zero else { return }
        let period: Duration
        switch display {
        case .off: period = interval
        case .lines: period = interval
        case .bar: period = min(.seconds(1), interval)
        }
        var previous: MetricsSnapshot?
        var sinceTick = Duration.zero
        while (try? await Task.sleep(for: period)) != nil {
            let snapshot = await metrics.snapshot()
            sinceTick += period
            let tick = sinceTick >= interval
            if tick { sinceTick = .zero }
            show(ProgressEstimate(snapshot, previous: previous), tick: tick)
            if tick { await onTick(snapshot) }
            previous = snapshot
        }
        if case .bar(let console) = display { console.clearBar() }
    }

    private func show(_ estimate: ProgressEstimate, tick: Bool) {
        switch display {
        case .off: return
        case .lines:
            guard tick else { return }
            var metadata: Logger.Metadata = [:]
            for (key, value) in estimate.fields { metadata[key] = "\(value)" }
            logger.info("Progress", metadata: metadata)
        case .bar(let console):
            console.showBar(ProgressBar.render(estimate, columns: console.columns))
        }
    }
}
