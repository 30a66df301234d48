import Logging

/// How one organiser's run of a `--organisers` deployment ended: its report and the exit code
/// that run alone would have had.
public struct OrganiserOutcome: Sendable {
    public var organiser: DeployedOrganiser
    public var report: RunReport

    public var exitCode: IngestExitCode { IngestExitCode(report) }

    /// The fields of the organiser's line in the end-of-process summary.
    var summaryFields: Logger.Metadata {
        var fields: Logger.Metadata = [
            "organiser": "\(organiser.name)", "database": "\(organiser.configuration.clickHouseDatabase)",
            "status": "\(report.status.rawValue)", "exit_code": "\(exitCode.rawValue)", "run_id": "\(report.runID)",
            "rows_processed": "\(report.rowsProcessed)", "elapsed_seconds": "\(report.metrics.elapsedSeconds.rounded())",
        ]
        if !report.message.isEmpty { fields["error"] = "\(report.message)" }
        return fields
    }
}
