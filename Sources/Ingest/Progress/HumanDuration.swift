/// Durations as people read them in a terminal: `45s`, `3m07s`, `2h05m`, `3d04h`.
public enum HumanDuration {
    public static func text(_ seconds: Double) -> String {
        let total = Int(max(0, seconds).rounded())
        switch total {
        case ..<60: return "\(total)s"
        case ..<3_600: return "\(total / 60)m" + twoDigits(total % 60) + "s"
        case ..<86_400: return "\(total / 3_600)h" + twoDigits((total % 3_600) / 60) + "m"
        default: return "\(total / 86_400)d" + twoDigits((total % 86_400) / 3_600) + "h"
        }
    }

    private static func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
