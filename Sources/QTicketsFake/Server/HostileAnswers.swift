import Foundation
import NIOCore

/// The hostile answers of `FaultPlan.Hostile`, built from the page that would have been
/// served. The big ones are `StreamedBody` parts (a tile and a repeat count), so a 200 MB
/// body costs the fake a few chunks of memory.
enum HostileAnswers {
    static let hugeTotal = "9223372036854775000"
    static let chunkBytes = 65_536

    static let maintenancePage =
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Технические работы – Qtickets</title></head>"
        + "<body><h1>Ведутся технические работы</h1><p>Пожалуйста, зайдите позже.</p></body></html>"

    /// Status 200, `text/html`: what a captive portal or a misrouted proxy answers.
    static func html(allocator: ByteBufferAllocator) -> FakeResponse {
        FakeResponse(status: .ok, contentType: "text/html; charset=UTF-8", body: allocator.buffer(string: maintenancePage))
    }

    /// Kinds that replace the first order's `custom` value (rendered as `OrderRenderer.marker`).
    static func needsPlaceholder(_ kind: FaultPlan.Hostile.Kind) -> Bool {
        switch kind {
        case .deepNesting, .hugeString: return true
        default: return false
        }
    }

    /// The answer for `kind` built from the rendered page, or nil when the page is served as
    /// rendered (`hugeTotal` is rendered in place; a page without rows has nothing to nest in).
    static func shape(_ page: String, as kind: FaultPlan.Hostile.Kind) -> FakeResponse? {
        var body = StreamedBody(chunkBytes: chunkBytes)
        var delay = 0
        switch kind {
        case .hugeTotal, .html:
            return nil
        case .hugeBody(let bytes):
            // {"data":[ + (rows,)×n + rows],"paging":{...}}: well-formed, just enormous.
            let prefix = "{\"data\":["
            guard page.hasPrefix(prefix), let end = page.range(of: "],\"paging\":", options: .backwards) else { return nil }
            let rows = page[page.index(page.startIndex, offsetBy: prefix.count)..<end.lowerBound]
            let unit = rows.isEmpty ? " " : rows + ","
            body.append(ByteBuffer(string: prefix))
            body.append(ByteBuffer(string: String(unit)), times: max(0, (bytes - page.utf8.count) / unit.utf8.count))
            body.append(ByteBuffer(string: String(page.dropFirst(prefix.count))))
        case .deepNesting(let depth):
            guard let (before, after) = split(page) else { return nil }
            body.append(before)
            body.append(ByteBuffer(string: "["), times: depth)
            body.append(ByteBuffer(string: "]"), times: depth)
            body.append(after)
        case .hugeString(let bytes):
            guard let (before, after) = split(page) else { return nil }
            body.append(before)
            body.append(ByteBuffer(string: "\""))
            body.append(ByteBuffer(string: "x"), times: bytes)
            body.append(ByteBuffer(string: "\""))
            body.append(after)
        case .trickle(let bytesPerTick, let interval):
            body = StreamedBody(chunkBytes: bytesPerTick)
            body.append(ByteBuffer(string: page))
            body.append(ByteBuffer(string: " "), times: .max)
            delay = max(1, interval)
        }
        return FakeResponse(status: .ok, contentType: "application/json", streamed: body, delayMilliseconds: delay)
    }

    /// The page around the placeholder.
    private static func split(_ page: String) -> (ByteBuffer, ByteBuffer)? {
        guard let marker = page.range(of: OrderRenderer.marker) else { return nil }
        return (ByteBuffer(string: String(page[..<marker.lowerBound])), ByteBuffer(string: String(page[marker.upperBound...])))
    }
}
