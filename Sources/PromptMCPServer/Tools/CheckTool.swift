import Foundation
import MCP
import PromptMCPKit
import PromptMCPKnowledge

/// `promptmcp_check`: judges the staged change, or a change the agent proposes (whole files, or
/// a unified diff over the index), with the same pipeline as `promptmcp check`. Nothing is
/// written: not the index, not the work tree, not an object.
///
/// The answer is a summary, then the JSON report (docs/json-report.md, without timings) as
/// `structuredContent`, with `isError` false even when the report says `passed: false`: the
/// call worked, and the findings are its answer. Two
/// exceptions are refusals (`isError` true): a proposed change that touches a protected path
/// (an agent may not even propose one; the report follows the refusal), and input that cannot
/// be judged (a path outside the repository, a diff that does not apply).
struct CheckTool: ServerTool {
    let name = "promptmcp_check"
    let title = "Check a change against the policy"
    let summary = """
        Judge a change against the repository's policy without touching the repository or the index. \
        Give one of: staged: true (what `git commit` would record now; the default), edits (whole new file \
        contents, content null to delete), or diff (a unified diff as `git diff` prints it, applied to the \
        staged version of each file). Returns a summary and the JSON report of `promptmcp check --format json` \
        (without timings) as structured content; \
        passed: false means policy violations. Proposed edits to protected paths are refused.
        """
    let annotations = Tool.Annotations(readOnlyHint: true, idempotentHint: true, openWorldHint: false)
    let output = ReportShape.report

    static let maxContentBytes = 4 << 20
    static let maxTotalBytes = 16 << 20
    static let maxDiffBytes = 8 << 20

    let schema = Schema.object([
        .init("staged", .boolean, "Judge the staged change (HEAD against the index). The default when nothing else is given."),
        .init("edits", .array(.object([
            .init("path", .string(maxBytes: PathConfinement.maxPathBytes, minLength: 1),
                  "File path relative to the repository root (or absolute, inside it)."),
            .init("content", .nullable(.string(maxBytes: maxContentBytes)), "The file's whole new content (UTF-8 text), or null to delete it."),
        ], required: ["path", "content"]), maxItems: 500), "Proposed new contents of files, judged as if staged over the index."),
        .init("diff", .string(maxBytes: maxDiffBytes, minLength: 1),
              "A unified diff (git diff output: a/ b/ prefixes, new and deleted files, several hunks), applied to the staged version of each file."),
    ])

    func run(_ arguments: Arguments, _ call: CallContext) throws -> ToolOutput {
        let proposed = try proposedEdits(arguments, call)
        _ = try call.resolvedPolicy()  // a broken policy is a refusal that names the file
        let session = CheckSession(repository: call.repository, caller: "mcp \(name)", knowledge: OfflineKnowledge(),
                                   correlationID: call.correlationID)
        let report = try session.run(CheckRequest(proposed.map { .proposed($0) } ?? .staged(amending: false))).report
        let json = JSONReporter().value(report, timings: false)
        let protected = report.findings.filter { $0.rule == ProtectedPathRule.description.id && $0.severity == .error }
        if proposed != nil, !protected.isEmpty {
            let paths = protected.map { $0.file ?? "?" }.joined(separator: ", ")
            let message = "refused: the proposed change touches protected paths (\(paths)); "
                + protected.map(\.message).joined(separator: "; ") + ". Leave these files alone, or ask a person to change the policy."
            return ToolOutput(summary: message + "\n" + report.brief(), structured: json, isError: true, outcome: .refused,
                              detail: "protected: \(paths)")
        }
        let verdict = report.passed ? "passed" : "failed: \(Plural.count(report.errorCount, "error"))"
        return ToolOutput(summary: report.brief(), structured: json,
                          detail: "\(report.target) \(verdict), \(Plural.count(report.warningCount, "warning"))")
    }

    /// nil for the staged change; else the edits given, or the diff applied to the index.
    private func proposedEdits(_ arguments: Arguments, _ call: CallContext) throws -> [ProposedEdit]? {
        let chosen = ["edits", "diff"].filter(arguments.has) + (arguments.bool("staged") == true ? ["staged"] : [])
        guard chosen.count <= 1 else {
            throw ToolFailure.invalid("invalid arguments for promptmcp_check: give one of staged, edits or diff, not \(chosen.joined(separator: " and "))")
        }
        if let diff = arguments.string("diff") {
            return try DiffApplication(repository: call.repository, paths: call.workspace.paths).edits(from: diff)
        }
        guard let edits = arguments.array("edits") else { return nil }
        guard !edits.isEmpty else { throw ToolFailure.invalid("arguments.edits: give at least one edit") }
        return try confine(edits, call.workspace.paths)
    }

    private func confine(_ edits: [Value], _ paths: PathConfinement) throws -> [ProposedEdit] {
        var result: [ProposedEdit] = []
        var seen: [String: Int] = [:]
        var total = 0
        for (index, edit) in edits.enumerated() {
            let fields = Arguments(edit.objectValue ?? [:])
            let argument = "arguments.edits[\(index)].path"
            let path = try paths.resolve(fields.string("path") ?? "", argument: argument)
            if let first = seen.updateValue(index, forKey: path) {
                throw ToolFailure.invalid("\(argument): \(path) is already edited by edits[\(first)]; give one edit per file")
            }
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: paths.root + "/" + path, isDirectory: &isDirectory), isDirectory.boolValue {
                throw ToolFailure.invalid("\(argument): \(path) is a folder, not a file")
            }
            let content = fields.string("content").map { Array($0.utf8) }
            total += content?.count ?? 0
            guard total <= Self.maxTotalBytes else {
                throw ToolFailure.invalid("arguments.edits: more than \(Self.maxTotalBytes) bytes of content in one call; check fewer files at a time")
            }
            result.append(ProposedEdit(path: path, content: content))
        }
        return result
    }
}
