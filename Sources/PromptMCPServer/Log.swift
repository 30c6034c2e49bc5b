import Foundation
import Logging
import PromptMCPKnowledge

/// The server's log. Standard output is the protocol channel, so every line goes to standard
/// error, where MCP clients collect a server's log. `PROMPTMCP_MCP_LOG=quiet` keeps it to
/// warnings and errors.
enum Log {
    static let quiet = ProcessInfo.processInfo.environment["PROMPTMCP_MCP_LOG"] == "quiet"

    static func info(_ message: String) {
        guard !quiet else { return }
        write("promptmcp mcp: " + message)
    }

    static func warning(_ message: String) {
        write("promptmcp mcp: warning: " + message)
    }

    /// One line per tool call: what an operator tails while an agent works.
    static func call(_ tool: String, _ outcome: AuditLog.Outcome, _ milliseconds: Double, _ correlationID: String) {
        info("\(correlationID) \(tool) \(outcome.rawValue) \(String(format: "%.1f", milliseconds)) ms")
    }

    private static func write(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// The SDK's and the transport's logger: swift-log to standard error, warnings and up.
    static let sdkLogger: Logger = {
        var logger = Logger(label: "promptmcp.mcp") { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = .warning
        return logger
    }()
}
