/// The one-line bar drawn on a terminal, e.g.
/// `[########............] 41% fetch_orders  pages 41/100  orders 2050/5000  rows 3120  9.8 req/s  retries 0  ETA 1m12s`.
///
/// Plain ASCII (a terminal without a UTF-8 locale shows it too), cut to the terminal's width
/// so that it never wraps (a wrapped bar cannot be redrawn in place).
public enum ProgressBar {
    public static let barWidth = 20

    public static func render(_ estimate: ProgressEstimate, columns: Int) -> String {
        var parts: [String] = []
        if let fraction = estimate.fraction {
            let filled = Int((fraction * Double(barWidth)).rounded(.down))
            parts.append("[" + String(repeating: "#", count: filled) + String(repeating: ".", count: barWidth - filled) + "]")
            parts.append(String(Int((fraction * 100).rounded(.down))) + "%")
        } else {
            parts.append("[" + HumanDuration.text(estimate.elapsedSeconds) + "]")
        }
        parts.append(estimate.phase)
        if let slice = estimate.slice { parts.append("slice " + slice) }
        var text = parts.joined(separator: " ")
        for (label, value) in estimate.fields where label != "phase" && label != "slice" {
            let shown = switch label {
            case "rps": "\(value) req/s"
            case "eta": "ETA \(value)"
            default: "\(label) \(value)"
            }
            text += "  " + shown
        }
        return String(text.prefix(max(10, columns - 1)))
    }
}
