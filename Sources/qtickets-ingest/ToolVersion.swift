import CBuildInfo

/// The version reported by `--version`, in the start log line and in `meta_job_runs`.
enum ToolVersion {
    static let number = "0.1.0"

    /// The commit `scripts/release.sh` stamped into the binary; `nil` in a development build.
    static let commit: String? = {
        let stamped = String(cString: qtickets_build_commit())
        return stamped.isEmpty ? nil : stamped
    }()

    /// `0.1.0 (commit 1a2b3c4d5e6f)`, or `0.1.0 (development build)`.
    static let current = number + " (" + (commit.map { "commit \($0)" } ?? "development build") + ")"
}
