/// The version reported by `--version`, in the start log line and in `meta_job_runs`.
enum ToolVersion {
    static let current = "0.1.0"
}
