import Foundation

/// Reads newline-delimited messages from a descriptor with blocking reads, holding at most
/// `maxLineBytes` of one line: a longer line is skipped to its end and reported with its first
/// bytes (where a JSON-RPC id usually is) and its size.
struct LineReader: Sendable {
    enum Line {
        case message([UInt8])
        case oversized(head: [UInt8], size: Int)
    }

    let descriptor: Int32
    let maxLineBytes: Int
    private var buffer: [UInt8] = []
    private var start = 0
    private var skipping: (head: [UInt8], size: Int)?
    private var ended = false

    init(descriptor: Int32, maxLineBytes: Int) {
        self.descriptor = descriptor
        self.maxLineBytes = maxLineBytes
    }

    /// The next line without its newline (empty lines skipped), or nil at the end of input.
    mutating func next() -> Line? {
        while true {
            if let line = takeLine() { return line }
            if ended {
                // A last message without a newline still counts.
                defer { buffer = []; start = 0 }
                if let skipped = skipping { skipping = nil; return .oversized(head: skipped.head, size: skipped.size + buffer.count - start) }
                return start < buffer.count ? .message(Array(buffer[start...])) : nil
            }
            fill()
        }
    }

    private mutating func takeLine() -> Line? {
        while let newline = buffer[start...].firstIndex(of: UInt8(ascii: "\n")) {
            let (from, length) = (start, newline - start)
            start = newline + 1
            if let skipped = skipping {
                skipping = nil
                return .oversized(head: skipped.head, size: skipped.size + length)
            }
            if length > maxLineBytes { return .oversized(head: Array(buffer[from..<(from + min(4096, length))]), size: length) }
            let line = Array(buffer[from..<newline])
            if !line.isEmpty, !(line.count == 1 && line[0] == UInt8(ascii: "\r")) { return .message(line) }
        }
        let pending = buffer.count - start
        if skipping != nil {
            skipping!.size += pending
            buffer = []
            start = 0
        } else if pending > maxLineBytes {
            skipping = (Array(buffer[start..<(start + min(4096, pending))]), pending)
            buffer = []
            start = 0
        }
        return nil
    }

    private mutating func fill() {
        if start > 0, start * 2 >= buffer.count {
            buffer.removeFirst(start)
            start = 0
        }
        var chunk = [UInt8](repeating: 0, count: 64 << 10)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count > 0 {
                buffer += chunk[..<count]
                return
            }
            if count < 0, errno == EINTR { continue }
            if count < 0, errno == EAGAIN {
                // A descriptor left non-blocking by whoever started us: wait for input instead of spinning.
                var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
                _ = poll(&poller, 1, -1)
                continue
            }
            ended = true
            return
        }
    }
}
