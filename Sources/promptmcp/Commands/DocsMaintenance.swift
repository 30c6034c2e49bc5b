import ArgumentParser
import Foundation
import PromptMCPKit
import PromptMCPKnowledge

struct DocsSync: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync", abstract: "Fetch what was asked while offline (and stale answers waiting for a refresh).")

    func run() throws {
        let service = try KnowledgeOutput.docsService()
        let report = try service.sync()
        for request in report.fetched { Terminal.out("fetched \(KnowledgeOutput.describe(request))\n") }
        for (request, failure) in report.failed { Terminal.err("not fetched: \(KnowledgeOutput.describe(request)): \(failure)") }
        Terminal.out("\(report.fetched.count) fetched, \(report.remaining) still queued\n")
        if report.remaining > 0 { throw ExitCode(1) }
    }
}

struct DocsStatus: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Show the cache: where it is, its size, the breaker, the queue.")

    @Flag(help: "Also run SQLite's integrity check on the cache.")
    var check = false

    @Option(help: "Output format: text or json.")
    var format: KnowledgeFormat = .text

    func run() throws {
        let service = try KnowledgeOutput.docsService()
        let status = try service.status(checkIntegrity: check)
        let stats = status.statistics
        if format == .json {
            var object: [String: JSONValue] = [
                "cache": .string(status.cachePath), "baseURL": .string(status.baseURL), "apiKey": .bool(status.hasAPIKey),
                "offline": .bool(status.offline), "entries": .int(stats.entries), "pinned": .int(stats.pinnedEntries),
                "stale": .int(stats.staleEntries), "chunks": .int(stats.chunks), "bytes": .int(stats.bytes),
                "libraries": .int(stats.libraries), "pending": .int(stats.pending),
                "breaker": ["state": .string(status.breaker.state.rawValue), "failures": .int(status.breaker.failures),
                            "lastError": .string(status.breaker.lastError)],
            ]
            if let problems = status.integrityProblems { object["integrity"] = .string(problems.isEmpty ? "ok" : problems.joined(separator: "; ")) }
            if let recovery = status.lastRecovery { object["lastRecovery"] = .string(recovery.summary) }
            Terminal.out(JSONText.render(JSONValue(object)))
        } else {
            var lines = [
                "cache:     \(status.cachePath)",
                "service:   \(status.baseURL) (API key: \(status.hasAPIKey ? "set" : "not set"))\(status.offline ? ", offline" : "")",
                "entries:   \(stats.entries) (\(stats.pinnedEntries) imported, \(stats.staleEntries) stale), \(stats.chunks) chunks, "
                    + ByteCountFormatter.string(fromByteCount: Int64(stats.bytes), countStyle: .binary),
                "libraries: \(stats.libraries)",
                "breaker:   \(status.breaker.state.rawValue)" + (status.breaker.lastError.isEmpty ? "" : " (last error: \(status.breaker.lastError))"),
                "queued:    \(stats.pending)",
            ]
            lines += status.pending.map { "  - \(KnowledgeOutput.describe($0))" }
            if let problems = status.integrityProblems { lines.append("integrity: " + (problems.isEmpty ? "ok" : problems.joined(separator: "; "))) }
            if let recovery = status.lastRecovery { lines.append("recovered: \(ISO8601DateFormatter().string(from: recovery.at)): \(recovery.summary)") }
            Terminal.out(lines.joined(separator: "\n") + "\n")
        }
        if let problems = status.integrityProblems, !problems.isEmpty { throw ExitCode(Terminal.Status.internalError.rawValue) }
    }
}

struct DocsPrune: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prune",
        abstract: "Drop expired entries, then the least recently used until the cache fits its size cap.",
        discussion: "Imported documentation is never pruned; import again (or delete the cache folder) to change it.")

    @Option(help: "Drop fetched entries older than this many days (default 30, or PROMPTMCP_DOCS_MAX_AGE seconds).")
    var maxAgeDays: Double?

    // Spelt out: ArgumentParser would derive `--max-mi-b` from the property name.
    @Option(name: .customLong("max-mib"), help: "Keep fetched entries under this many MiB (default 256, or PROMPTMCP_DOCS_MAX_BYTES bytes).")
    var maxMiB: Double?

    func validate() throws {
        // Bounded so that the conversions to seconds and bytes below cannot overflow.
        if let maxAgeDays, !(0...36_500).contains(maxAgeDays) { throw ValidationError("--max-age-days must be from 0 to 36500.") }
        if let maxMiB, !(0.0...1_073_741_824).contains(maxMiB) { throw ValidationError("--max-mib must be from 0 to 1073741824 (1 PiB).") }
    }

    func run() throws {
        let report = try KnowledgeOutput.docsService().prune(maxAge: maxAgeDays.map { $0 * 86400 }, maxBytes: maxMiB.map { Int($0 * 1_048_576) })
        Terminal.out("\(report.expired) expired, \(report.evicted) evicted, "
                     + ByteCountFormatter.string(fromByteCount: Int64(report.bytesFreed), countStyle: .binary) + " freed\n")
    }
}
