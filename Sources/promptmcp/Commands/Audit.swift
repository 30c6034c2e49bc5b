import ArgumentParser
import Foundation
import PromptMCPKit
import PromptMCPKnowledge

struct Audit: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the MCP server's tool calls in this clone, newest first.",
        discussion: """
        One record per call of `promptmcp mcp`: time, tool, outcome (ok, tool-error, invalid, refused, \
        rate-limited, unknown-tool, internal-error; running while a call is under way), duration, \
        correlation id (also in the call's answer, as _meta promptmcp/correlationId) and a digest of the \
        arguments. The arguments themselves are never stored: they can hold file contents and secrets.
        """)

    @Option(help: "Show at most this many calls.")
    var limit = 50

    @Option(help: "Output format: text or json.")
    var format: KnowledgeFormat = .text

    func validate() throws {
        guard limit > 0 else { throw ValidationError("--limit must be at least 1.") }
    }

    func run() throws {
        let repository = try Repository.current()
        // Listing must not create a store in a clone that never ran the server.
        let path = StorePaths.stateDatabase(commonGitDirectory: repository.commonDirectory)
        let entries = FileManager.default.fileExists(atPath: path)
            ? try AuditLog(store: try KnowledgeOutput.stateStore(commonGitDirectory: repository.commonDirectory)).recent(limit: limit)
            : []
        if format == .json { return Terminal.out(KnowledgeOutput.json(entries)) }
        guard !entries.isEmpty else { return Terminal.out("no MCP tool calls recorded in this clone (promptmcp mcp records them)\n") }
        let dates = ISO8601DateFormatter()
        for entry in entries {
            let duration = entry.durationMilliseconds.map { String(format: "%.1f ms", $0) } ?? "-"
            let columns = [dates.string(from: entry.at), pad(entry.tool, 18), pad(entry.outcome.rawValue, 14), pad(duration, 9),
                           entry.correlationID, String(entry.argumentDigest.prefix(12))]
            Terminal.out(columns.joined(separator: "  ") + (entry.detail.isEmpty ? "" : "  " + entry.detail.replacingOccurrences(of: "\n", with: " ")) + "\n")
        }
    }

    private func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}
