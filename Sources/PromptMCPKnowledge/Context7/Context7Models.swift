import Foundation

/// A library as Context7's search returns it (`GET /api/v2/libs/search`). Unknown fields are
/// ignored and missing optional ones tolerated, so a server that adds fields breaks nothing.
public struct LibraryInfo: Codable, Sendable, Equatable {
    public var id: String
    public var title: String
    public var description: String?
    public var totalSnippets: Int?
    public var trustScore: Double?
    public var benchmarkScore: Double?
    public var versions: [String]?

    public init(id: String, title: String, description: String? = nil, totalSnippets: Int? = nil,
                trustScore: Double? = nil, benchmarkScore: Double? = nil, versions: [String]? = nil) {
        self.id = id
        self.title = title
        self.description = description
        self.totalSnippets = totalSnippets
        self.trustScore = trustScore
        self.benchmarkScore = benchmarkScore
        self.versions = versions
    }
}

struct LibrarySearchResponse: Decodable {
    var results: [LibraryInfo]
}

/// `GET /api/v2/context?type=json`: code snippets (examples) and info snippets (prose).
struct ContextResponse: Decodable {
    struct CodeSnippet: Decodable {
        struct Code: Decodable {
            var language: String?
            var code: String
        }
        var codeTitle: String?
        var codeDescription: String?
        var codeLanguage: String?
        var codeList: [Code]?
        var codeId: String?
        var pageTitle: String?
    }

    struct InfoSnippet: Decodable {
        var content: String
        var breadcrumb: String?
        var pageId: String?
    }

    var codeSnippets: [CodeSnippet]?
    var infoSnippets: [InfoSnippet]?

    /// Both kinds as one list of snippets, examples first (what a coding agent wants most).
    var snippets: [DocSnippet] {
        let code = (codeSnippets ?? []).map { snippet in
            let blocks = (snippet.codeList ?? []).map { "```\($0.language ?? snippet.codeLanguage ?? "")\n\($0.code)\n```" }
            let body = ([snippet.codeDescription].compactMap { $0 } + blocks).joined(separator: "\n\n")
            return DocSnippet(title: snippet.codeTitle ?? snippet.pageTitle ?? "", body: body, url: snippet.codeId)
        }
        let info = (infoSnippets ?? []).map { DocSnippet(title: $0.breadcrumb ?? "", body: $0.content, url: $0.pageId) }
        return code + info
    }
}

/// One piece of documentation, from Context7 or from an imported Markdown file.
public struct DocSnippet: Sendable, Equatable, Codable {
    public var title: String
    public var body: String
    /// Where it came from: Context7's source URL, or `file://` for imported Markdown.
    public var url: String?

    public init(title: String, body: String, url: String? = nil) {
        self.title = title
        self.body = body
        self.url = url
    }
}

/// A Context7 library id: `/owner/repo`, optionally with a version (`/owner/repo/v1.2.3`, or
/// `/owner/repo@1.2.3` as `docs import` accepts it).
public struct LibraryID: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// `/owner/repo`
    public var base: String
    public var version: String?

    public init?(_ text: String) {
        var raw = text.trimmingCharacters(in: .whitespaces)
        var version: String?
        if let at = raw.lastIndex(of: "@") {
            version = String(raw[raw.index(after: at)...])
            raw = String(raw[..<at])
        }
        let parts = raw.split(separator: "/", omittingEmptySubsequences: false)
        guard raw.hasPrefix("/"), parts.count == 3 || parts.count == 4, parts.dropFirst().allSatisfy({ !$0.isEmpty }),
              !raw.contains(" "), version.map({ !$0.isEmpty && parts.count == 3 }) ?? true else { return nil }
        if parts.count == 4 { version = String(parts[3]) }
        base = "/" + parts[1] + "/" + parts[2]
        self.version = version
    }

    /// The form Context7's API takes: `/owner/repo` or `/owner/repo/VERSION`.
    public var description: String { version.map { base + "/" + $0 } ?? base }
}
