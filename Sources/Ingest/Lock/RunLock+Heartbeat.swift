import Foundation

extension RunLock {
    /// Renews the claim every TTL/3 (a queued claim too). Once the lock is held, each renewal
    /// also checks the run still holds it; a run that finds another claim ahead of its own, or
    /// could not renew for two thirds of the TTL (checked every third: so it stops before a
    /// successor may take over), has lost the lease and `loss` stops it.
    func startHeartbeat(loss: LockLoss) {
        let interval = Duration.seconds(settings.ttlSeconds) / 3
        let lostAfter = interval * 2
        heartbeat = Task { [settings, lease, logger] in
            var renewed = ContinuousClock.now
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                if Task.isCancelled { return }
                let attempt = ContinuousClock.now
                do {
                    try await lease.heartbeat(key: settings.key, runID: settings.runID)
                    renewed = attempt
                    if holding, case let .lost(holder) = try await decide() {
                        let who = holder.map { " to \($0.holder)" } ?? ""
                        return loss.report("the run lock was lost\(who): another run may hold it now")
                    }
                } catch {
                    if Task.isCancelled { return }
                    logger.warning("Could not renew the run lock's lease", metadata: ["lock": "\(settings.key)", "error": "\(error)"])
                }
                if ContinuousClock.now - renewed >= lostAfter {
                    return loss.report("the run lock was lost: its lease could not be renewed for \(lostAfter.components.seconds) s of its \(settings.ttlSeconds) s TTL")
                }
            }
        }
    }
}
