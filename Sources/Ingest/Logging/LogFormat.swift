/// How log lines are written: `text` for people (the `key=value` lines operators grep), `json`
/// for log shippers (one object per line: time, level, message, label, metadata).
public enum LogFormat: String, Sendable, CaseIterable {
    case text, json
}
