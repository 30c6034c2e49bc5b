/// A citation that is none of the accepted forms: an http(s) URL, `context7:/owner/repo[@version]`,
/// a document of the same commit's tree, or an issue reference.
public struct InvalidCitationRule: ChangeRule {
    public static let description = RuleDescription(
        id: "citations/invalid",
        summary: "A citation trailer or comment is not an http(s) URL, a context7:/owner/repo[@version] library id, a path to a document in the commit, or an issue reference (#123, ABC-123, owner/repo#123).",
        defaultSeverity: .error, policyKey: "citations", needsMessage: true
    )

    public init(_ configuration: RuleConfiguration) {}

    public func check(_ change: ChangeSummary, _ context: ChangeContext) -> [Finding] {
        guard let policy = context.policy.citations, let message = context.message else { return [] }
        let cache = policy.verify.value == .cache ? context.citationCache : nil
        let trailers = message.values(forKeys: policy.trailers.value).compactMap { value in
            problem(value, context, cache).map { context.finding("the message cites \($0)", hint: hint(cache), fingerprintText: value) }
        }
        let inline = change.files.flatMap { file in
            file.citations.compactMap { citation in
                problem(citation.value, context, cache).map {
                    context.finding("the comment cites \($0)", file: file.path, line: citation.line, hint: hint(cache), fingerprintText: citation.value)
                }
            }
        }
        return trailers + inline
    }

    /// What is wrong with a cited value, or nil when it is a good citation.
    private func problem(_ value: String, _ context: ChangeContext, _ cache: (any CitationCache)?) -> String? {
        guard let citation = Citation.parse(value, documentExists: { context.fileExists($0) }) else {
            return "'\(value)', which is not a citation promptmcp can check"
        }
        guard let cache, !citation.isCached(in: cache) else { return nil }
        return "'\(value)', which is not in the offline documentation cache (verify: cache)"
    }

    private func hint(_ cache: (any CitationCache)?) -> String {
        cache == nil ? Self.hint : Self.hint + "; for a URL or library, add it to the cache first (promptmcp docs get, or promptmcp docs import)"
    }

    static let hint = "cite an http(s) URL, context7:/owner/repo (optionally @version), a path to a document in the repository, or an issue (#123, ABC-123)"
}
