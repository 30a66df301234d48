extension Duration {
    /// The duration in seconds, as a `Double`: for logs, metrics and JSON (never for arithmetic
    /// that must stay exact; keep `Duration` for that).
    public var inSeconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}
