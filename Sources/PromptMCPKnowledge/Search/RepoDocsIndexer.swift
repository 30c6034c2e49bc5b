import Foundation
import GRDB

/// Keeps the per-clone index of the repository's own documents current.
///
/// Indexed: README*, AGENTS.md, CLAUDE.md, ARCHITECTURE.md, CONTRIBUTING.md at the root, and
/// Markdown or text under docs/, doc/, adr/, adrs/, decisions/, architecture/ and the team
/// lessons in .promptmcp/lessons/. A file is re-read only when its size or mtime changed, and
/// re-indexed only when its git blob id changed; files that disappeared leave the index.
public struct RepoDocsIndexer: Sendable {
    public struct Report: Sendable, Equatable {
        public var indexed = 0
        public var unchanged = 0
        public var removed = 0
    }

    static let rootFiles = ["readme", "agents.md", "claude.md", "architecture.md", "contributing.md"]
    static let folders = ["docs", "doc", "adr", "adrs", "decisions", "architecture", ".promptmcp/lessons"]
    static let extensions: Set<String> = ["md", "markdown", "mdx", "txt", "rst", "adoc"]
    static let maxFileBytes = 2 << 20
    static let lessonFolder = ".promptmcp/lessons/"

    let store: Store
    let workDirectory: String

    public init(store: Store, workDirectory: String) {
        self.store = store
        self.workDirectory = workDirectory.hasSuffix("/") ? workDirectory : workDirectory + "/"
    }

    @discardableResult
    public func update() throws -> Report {
        let files = documentPaths()
        let known = try store.read { db in
            try Row.fetchAll(db, sql: "SELECT path, blob_id, size, mtime FROM repo_doc").reduce(into: [String: Row]()) { $0[$1["path"]] = $1 }
        }
        var report = Report()
        var changes: [(path: String, blob: String, size: Int, mtime: Double, text: String?)] = []
        for (path, size, mtime) in files {
            if let row = known[path], row["size"] as Int == size, row["mtime"] as Double == mtime {
                report.unchanged += 1
                continue
            }
            guard size <= Self.maxFileBytes, let data = FileManager.default.contents(atPath: workDirectory + path) else { continue }
            let blob = BlobID.of(Array(data))
            let same = known[path].map { $0["blob_id"] as String == blob } ?? false
            changes.append((path, blob, size, mtime, same ? nil : String(decoding: data, as: UTF8.self)))
            if same { report.unchanged += 1 } else { report.indexed += 1 }
        }
        let present = Set(files.map(\.0))
        let gone = known.keys.filter { !present.contains($0) }
        report.removed = gone.count
        guard !changes.isEmpty || !gone.isEmpty else { return report }
        try store.write { db in
            for path in gone {
                try db.execute(sql: "DELETE FROM repo_doc WHERE path = ?", arguments: [path])
                try db.execute(sql: "DELETE FROM repo_chunk WHERE source = ?", arguments: ["file:" + path])
            }
            for change in changes {
                try db.execute(sql: "INSERT OR REPLACE INTO repo_doc (path, blob_id, size, mtime) VALUES (?, ?, ?, ?)",
                               arguments: [change.path, change.blob, change.size, change.mtime])
                guard let text = change.text else { continue }
                try Self.replaceChunks(of: change.path, text: text, in: db)
            }
        }
        return report
    }

    private static func replaceChunks(of path: String, text: String, in db: Database) throws {
        try db.execute(sql: "DELETE FROM repo_chunk WHERE source = ?", arguments: ["file:" + path])
        let kind = path.hasPrefix(lessonFolder) ? "lesson" : "repository"
        let insert = try db.cachedStatement(sql: "INSERT INTO repo_chunk (source, kind, title, location, body) VALUES (?, ?, ?, ?, ?)")
        for chunk in MarkdownChunker.chunks(kind == "lesson" ? TeamLessonFile.searchableText(text) : text, fallbackTitle: path) {
            try insert.execute(arguments: ["file:" + path, kind, chunk.title, path + chunk.anchor, chunk.body])
        }
    }

    /// (relative path, size, mtime) of every document to index.
    func documentPaths() -> [(String, Int, Double)] {
        let manager = FileManager.default
        var result: [(String, Int, Double)] = []
        func add(_ relative: String) {
            guard let attributes = try? manager.attributesOfItem(atPath: workDirectory + relative),
                  attributes[.type] as? FileAttributeType == .typeRegular else { return }
            let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
            let mtime = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
            result.append((relative, size, mtime))
        }
        for name in (try? manager.contentsOfDirectory(atPath: workDirectory)) ?? []
        where Self.rootFiles.contains(where: { name.lowercased() == $0 || ($0 == "readme" && name.lowercased().hasPrefix("readme")) }) {
            add(name)
        }
        for folder in Self.folders {
            guard let walker = manager.enumerator(atPath: workDirectory + folder) else { continue }
            for case let relative as String in walker where Self.extensions.contains((relative as NSString).pathExtension.lowercased()) {
                add(folder + "/" + relative)
            }
        }
        return result
    }
}
