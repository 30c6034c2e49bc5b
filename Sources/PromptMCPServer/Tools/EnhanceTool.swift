import Foundation
import MCP
import PromptMCPKit
import PromptMCPKnowledge

/// `promptmcp_enhance`: the agent's prompt, followed by what the project knows that bears on
/// it: the policy for the file in question, repository facts, lessons learned here, and
/// documentation snippets (the repository's own docs and the offline documentation cache),
/// each snippet with the citation to put in the commit. Never uses the network.
struct EnhanceTool: ServerTool {
    let name = "promptmcp_enhance"
    let title = "Enrich a prompt with project knowledge"
    let summary = """
        Return the prompt followed by what this repository knows that bears on it: the policy that applies \
        (to context.file when given), repository facts (languages, build and test commands), lessons learned \
        here, and documentation snippets from the repository's docs and the offline documentation cache, each \
        with a citation to put in the commit message. Fits within options.maxTokens (default 2000); works offline.
        """
    let annotations = Tool.Annotations(readOnlyHint: true, idempotentHint: true, openWorldHint: false)
    /// The enriched prompt is the text content; the structured answer lists the snippets it cites.
    let output = OutputShape.object([
        ("snippets", .array(.object([("id", .string), ("title", .string), ("source", .string), ("citation", .string)]))),
        ("left_out", .integer), ("max_tokens", .integer),
    ])

    let schema = Schema.object([
        .init("prompt", .string(maxBytes: 100_000, minLength: 1), "The task or question to enrich."),
        .init("context", .object([
            .init("file", .string(maxBytes: PathConfinement.maxPathBytes, minLength: 1), "The file the task is about, relative to the repository root."),
            .init("framework", .string(maxBytes: 200), "A library or framework the task uses (searched in the docs)."),
            .init("style", .string(maxBytes: 2000), "How the answer should be written (conventions, tone); passed on as an instruction."),
        ]), "What the prompt is about."),
        .init("options", .object([
            .init("maxTokens", .integer(minimum: 200, maximum: 32_000), "Upper bound for the whole answer, estimated at 4 bytes a token (default 2000)."),
            .init("useCache", .boolean, "Search the offline documentation cache too (default true); false: the repository's own docs and lessons only."),
        ]), "How much to return."),
    ], required: ["prompt"])

    func run(_ arguments: Arguments, _ call: CallContext) throws -> ToolOutput {
        let prompt = arguments.string("prompt") ?? ""
        let context = arguments.object("context")
        let file = try context?.string("file").map { try call.workspace.paths.resolve($0, argument: "arguments.context.file") }
        let options = arguments.object("options")
        let knowledge = Knowledge(call: call, useCache: options?.bool("useCache") ?? true)
        let query = [prompt, context?.string("framework"), file.map(Self.words)].compactMap { $0 }.joined(separator: " ")
        let hits = knowledge.search(query)
        let resolved = try? call.policy.get()
        let trailer = resolved?.policy.citations?.trailers.value.first ?? "Source"

        var sections = [ContextBudget.Section(title: "Policy", items: resolved.map { PolicySummary.lines($0, file: file).map { "- " + $0 } }
                                              ?? ["- the policy cannot be read; run promptmcp config validate"])]
        sections.append(.init(title: "Repository", items: RepoFacts.gather(call.repository, policy: resolved?.policy).lines.map { "- " + $0 }))
        if let style = context?.string("style"), !style.isEmpty { sections.insert(.init(title: "Style", items: [style]), at: 0) }
        sections.append(.init(title: "Lessons learned in this repository", items: knowledge.lessons(for: file, hits: hits).map(Self.render)))
        let snippets = hits.filter { $0.source != .lesson }
        sections.append(.init(title: "Documentation", items: snippets.enumerated().map { Self.render($1, id: "D\($0 + 1)", trailer: trailer) }))

        var budget = ContextBudget(maxTokens: options?.int("maxTokens") ?? 2000)
        let text = budget.render(prompt: prompt, preamble: Self.preamble, sections: sections) { leftOut in
            "\nCite what you use from Documentation in the commit message with the trailer shown under it.\n"
                + (leftOut > 0 ? "(\(leftOut) more items left out to stay within maxTokens.)\n" : "")
        }
        knowledge.markUsed(hits)
        let cited: [JSONValue] = snippets.enumerated().map { index, hit in
            ["id": .string("D\(index + 1)"), "title": .string(hit.title), "source": .string(hit.location), "citation": .string(Self.citation(hit))]
        }
        let structured: JSONValue = ["snippets": .array(cited), "left_out": .int(budget.leftOut), "max_tokens": .int(budget.maxTokens)]
        return ToolOutput(summary: text, structured: structured, detail: "\(Plural.count(snippets.count, "snippet")), \(budget.leftOut) left out")
    }

    static let preamble = "Project context from promptmcp: stay within this repository's policy while you work on the request above."

    private static func words(_ path: String) -> String {
        path.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).joined(separator: " ")
    }

    private static func render(_ lesson: Lesson) -> String {
        let scope = [lesson.rule, lesson.paths].compactMap { $0 }.joined(separator: ", ")
        return "- \(lesson.id): \(lesson.title)" + (scope.isEmpty ? "" : " (\(scope))") + (lesson.fix.isEmpty ? "" : ". Fix: \(lesson.fix)")
    }

    private static func render(_ hit: SearchHit, id: String, trailer: String) -> String {
        let origin = hit.library.map { "\($0), " } ?? ""
        return "[\(id)] \(hit.title) (\(origin)\(hit.location))\n\(hit.excerpt)\nCite as: `\(trailer): \(citation(hit))`\n"
    }

    /// What the citation rules accept for a snippet: its http(s) URL, else its library id
    /// (`context7:/owner/repo@version`), or for a document of the repository its path.
    static func citation(_ hit: SearchHit) -> String {
        if hit.location.hasPrefix("https://") || hit.location.hasPrefix("http://") { return hit.location }
        if let library = hit.library { return "context7:" + library }
        return String(hit.location.split(separator: "#", maxSplits: 1).first ?? "")
    }
}

/// The knowledge stores as one call of `enhance` uses them; each part is optional, and a store
/// that cannot be opened leaves its part out rather than failing the call.
private struct Knowledge {
    let call: CallContext
    let state: Store?
    let docs: Store?

    init(call: CallContext, useCache: Bool) {
        self.call = call
        state = try? call.workspace.stateStore()
        docs = useCache ? call.workspace.docsStore() : nil
        if let state {
            // Only files whose size or mtime changed are read again: cheap when nothing did.
            _ = try? RepoDocsIndexer(store: state, workDirectory: call.repository.workDirectory).update()
        }
    }

    func search(_ query: String) -> [SearchHit] {
        (try? KnowledgeSearch(state: state, docs: docs).search(query, limit: 12)) ?? []
    }

    private var book: LessonBook? { state.map { LessonBook(store: $0, workDirectory: call.repository.workDirectory) } }

    /// Lessons about the file (by their path globs), then those the search found.
    func lessons(for file: String?, hits: [SearchHit]) -> [Lesson] {
        guard let book else { return [] }
        var lessons = file.flatMap { try? book.relevant(rule: nil, path: $0) }.map { Array($0.prefix(5)) } ?? []
        for id in hits.compactMap(\.lessonID) where !lessons.contains(where: { $0.id == id }) {
            if let lesson = try? book.lesson(id) { lessons.append(lesson) }
        }
        return lessons
    }

    /// Lessons that came up are in use: they stop decaying.
    func markUsed(_ hits: [SearchHit]) {
        for id in hits.compactMap(\.lessonID) { try? book?.markUsed(id) }
    }
}
