import Foundation
import Logging
import MCP

/// MCP's stdio transport (one JSON-RPC message per line), written for this server instead of
/// the SDK's `StdioTransport` for four reasons:
/// - it reads with blocking calls on a thread of its own: the SDK's polls a non-blocking
///   descriptor and sleeps 10 ms when there is nothing to read, which every call would pay;
/// - at the end of input it waits until every request read so far has been answered (up to
///   `drainTimeout`) before ending the session: a client that writes its requests and closes
///   stdin still gets all its answers;
/// - a line longer than `maxMessageBytes` is dropped (with an error answer when its id can be
///   found) instead of growing a buffer without bound;
/// - string values of incoming messages are shielded from the SDK's data-URL decoding
///   (`MessageScanner`).
public actor LineTransport: Transport {
    public nonisolated let logger: Logger
    private let input: Int32
    private let output: Int32
    private let maxMessageBytes: Int
    private let drainTimeout: TimeInterval
    private let stream: AsyncThrowingStream<Data, Swift.Error>
    private let continuation: AsyncThrowingStream<Data, Swift.Error>.Continuation
    private let inFlight = InFlight()
    private var started = false

    public init(input: Int32 = STDIN_FILENO, output: Int32 = STDOUT_FILENO, maxMessageBytes: Int = 32 << 20,
                drainTimeout: TimeInterval = 30, logger: Logger) {
        self.input = input
        self.output = output
        self.maxMessageBytes = maxMessageBytes
        self.drainTimeout = drainTimeout
        self.logger = logger
        (stream, continuation) = AsyncThrowingStream.makeStream()
    }

    public func connect() async throws {
        guard !started else { return }
        started = true
        let reader = LineReader(descriptor: input, maxLineBytes: maxMessageBytes)
        let (continuation, inFlight, drainTimeout, logger) = (self.continuation, self.inFlight, self.drainTimeout, self.logger)
        let thread = Thread {
            Self.readLoop(reader, continuation: continuation, inFlight: inFlight, logger: logger) { id, problem in
                Task { await self.refuse(id: id, problem: problem) }
            }
            // Answers still being worked on go out before the session ends.
            if !inFlight.waitUntilDrained(timeout: drainTimeout) {
                logger.warning("input closed; \(inFlight.count) request(s) still unanswered after \(Int(drainTimeout)) s")
            }
            continuation.finish()
        }
        thread.name = "promptmcp-mcp stdin"
        thread.start()
    }

    public func disconnect() async {
        continuation.finish()
    }

    public func send(_ data: Data) async throws {
        let scanned = MessageScanner.scan(Array(data), guardStrings: false)
        var bytes = Array(data)
        bytes.append(UInt8(ascii: "\n"))
        try Self.writeAll(bytes, to: output)
        if scanned.hasResultOrError, let id = scanned.id { inFlight.answered(id) }
    }

    public nonisolated func receive() -> AsyncThrowingStream<Data, Swift.Error> {
        stream
    }

    private static func readLoop(_ reader: LineReader, continuation: AsyncThrowingStream<Data, Swift.Error>.Continuation,
                                 inFlight: InFlight, logger: Logger, refuse: @escaping @Sendable (String?, String) -> Void) {
        var reader = reader
        while let line = reader.next() {
            switch line {
            case .message(let bytes):
                let scanned = MessageScanner.scan(bytes, guardStrings: true)
                guard scanned.depth <= MessageScanner.maxDepth else {
                    let problem = "message nests deeper than \(MessageScanner.maxDepth) levels"
                    logger.error("dropped a message of \(bytes.count) bytes: \(problem)")
                    refuse(scanned.id, problem)
                    continue
                }
                if scanned.hasMethod, let id = scanned.id { inFlight.requested(id) }
                continuation.yield(Data(scanned.bytes))
            case .oversized(let head, let size):
                logger.error("dropped a message of \(size) bytes: over the \(reader.maxLineBytes) byte limit")
                refuse(MessageScanner.scan(head, guardStrings: false).id, "message of \(size) bytes is over the limit of \(reader.maxLineBytes) bytes")
            }
        }
    }

    /// Tells the client why its message was dropped, when its id could be read from it.
    private func refuse(id: String?, problem message: String) async {
        guard let id else { return }
        let text = #"{"jsonrpc":"2.0","id":\#(id),"error":{"code":-32600,"message":"\#(message)"}}"#
        try? Self.writeAll(Array(text.utf8) + [UInt8(ascii: "\n")], to: output)
    }

    private static func writeAll(_ bytes: [UInt8], to descriptor: Int32) throws {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                throw MCPError.transportError(POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO))
            }
            offset += written
        }
    }
}

/// Request ids read but not answered yet, so that the end of input can wait for their answers.
final class InFlight: @unchecked Sendable {
    private let condition = NSCondition()
    private var pending: Set<String> = []

    func requested(_ id: String) {
        condition.lock()
        pending.insert(id)
        condition.unlock()
    }

    func answered(_ id: String) {
        condition.lock()
        pending.remove(id)
        condition.broadcast()
        condition.unlock()
    }

    var count: Int {
        condition.lock()
        defer { condition.unlock() }
        return pending.count
    }

    func waitUntilDrained(timeout: TimeInterval) -> Bool {
        let deadline = Date(timeIntervalSinceNow: timeout)
        condition.lock()
        defer { condition.unlock() }
        while !pending.isEmpty {
            if !condition.wait(until: deadline) { return pending.isEmpty }
        }
        return true
    }
}
