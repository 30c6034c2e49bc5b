/// A child's stdout and stderr, interleaved as they arrived, kept within a byte budget.
///
/// Past the budget the middle is dropped: the head shows how the run started, the tail holds
/// what test runners print last (the failures and the summary).
public struct CapturedOutput: Sendable, Equatable {
    /// Bytes the child wrote, kept or not.
    public private(set) var totalBytes = 0
    public let limit: Int
    private var head: [UInt8] = []
    private var tail: [UInt8] = []

    public init(limit: Int) {
        self.limit = max(0, limit)
    }

    public var truncated: Bool { totalBytes > limit }
    public var keptBytes: Int { head.count + min(tail.count, tailLimit) }

    private var headLimit: Int { limit / 2 }
    private var tailLimit: Int { limit - headLimit }

    mutating func append(_ bytes: UnsafeRawBufferPointer) {
        totalBytes += bytes.count
        var rest = bytes[...]
        if head.count < headLimit {
            let taken = rest.prefix(headLimit - head.count)
            head.append(contentsOf: taken)
            rest = rest.dropFirst(taken.count)
        }
        guard !rest.isEmpty, tailLimit > 0 else { return }
        tail.append(contentsOf: rest.suffix(tailLimit))
        // Trimmed in batches, so a stream of small writes costs amortised O(1) per byte.
        if tail.count >= 2 * tailLimit { tail.removeFirst(tail.count - tailLimit) }
    }

    /// The kept output as text (invalid UTF-8 replaced), with a marker where bytes were dropped.
    public var text: String {
        let keptTail = tail.suffix(tailLimit)
        guard truncated else { return String(decoding: head + keptTail, as: UTF8.self) }
        let dropped = totalBytes - head.count - keptTail.count
        let marker = "\n[... \(dropped) bytes not kept: output over \(Words.bytes(limit)) ...]\n"
        return String(decoding: head, as: UTF8.self) + marker + String(decoding: keptTail, as: UTF8.self)
    }

    /// The last `count` lines of the kept output, for a short report.
    public func lastLines(_ count: Int) -> [String] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let trimmed = lines.last == "" ? Array(lines.dropLast()) : lines
        return Array(trimmed.suffix(count))
    }
}
