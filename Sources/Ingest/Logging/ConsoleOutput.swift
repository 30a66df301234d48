import Foundation
import Synchronization

/// Standard error as the log lines and the progress bar share it.
///
/// Every line is one `write(2)` under a lock, so concurrent log calls never interleave (a JSON
/// log shipper needs whole lines). On a terminal the progress bar is the last, unfinished line:
/// a log line first erases it, then the bar is redrawn below, so the screen shows the logs
/// scrolling and one bar updating in place.
public final class ConsoleOutput: Sendable {
    private let fileDescriptor: Int32
    /// The bar currently drawn (without control characters), `nil` when none is.
    private let bar = Mutex<String?>(nil)

    public init(fileDescriptor: Int32 = STDERR_FILENO) {
        self.fileDescriptor = fileDescriptor
    }

    /// Whether this output is a terminal a bar can be drawn on (not a pipe, a file or the
    /// journal, and not a `TERM=dumb` one).
    public func isInteractiveTerminal(environment: [String: String]) -> Bool {
        isatty(fileDescriptor) == 1 && environment["TERM"].map { $0 != "dumb" && !$0.isEmpty } ?? false
    }

    /// The terminal's width in columns (80 when it cannot be asked).
    public var columns: Int {
        var size = winsize()
        guard ioctl(fileDescriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 80 }
        return Int(size.ws_col)
    }

    /// Writes `line` (a newline is added), keeping the bar, if one is drawn, below it.
    public func writeLine(_ line: String) {
        bar.withLock { current in
            let erase = current == nil ? "" : Self.eraseLine
            let redraw = current ?? ""
            write(erase + line + "\n" + redraw)
        }
    }

    /// Draws `text` as the bar, replacing the previous one in place.
    public func showBar(_ text: String) {
        bar.withLock { current in
            current = text
            write(Self.eraseLine + text)
        }
    }

    /// Erases the bar (at the end of a run), leaving the cursor at the start of an empty line.
    public func clearBar() {
        bar.withLock { current in
            guard current != nil else { return }
            current = nil
            write(Self.eraseLine)
        }
    }

    /// Carriage return, then "erase to the end of the line".
    static let eraseLine = "\r\u{1B}[K"

    private func write(_ text: String) {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { Foundation.write(fileDescriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                return
            }
            bytes = bytes.dropFirst(written)
        }
    }
}
