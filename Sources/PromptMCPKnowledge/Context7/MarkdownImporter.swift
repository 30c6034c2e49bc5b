import Foundation
import GRDB

/// What `docs import` did.
public struct ImportReport: Sendable, Equatable {
    public var files = 0
    public var chunks = 0
    public var removed = 0
    public var skipped: [String] = []
}

/// Seeds the cache from a folder of Markdown, for air-gapped teams and in-house libraries.
///
/// Each file becomes a pinned entry (never expired or evicted: there is nothing to refetch it
/// from) cut into chunks at headings. Files are written in batches, each one transaction, so a
/// killed import leaves whole files; re-running it replaces the library's files and drops those
/// that are gone from the folder.
public struct MarkdownImporter: Sendable {
    public static let extensions: Set<String> = ["md", "markdown", "mdx"]
    static let batchSize = 100
    static let maxFileBytes = 4 << 20

    let store: Store
    let clock: WallClock

    public init(service: DocsService) {
        store = service.store
        clock = service.clock
    }

    public func importFolder(_ folder: String, as library: LibraryID, title: String? = nil) throws -> ImportReport {
        let root = URL(fileURLWithPath: folder).standardizedFileURL
        let files = try Self.markdownFiles(under: root)
        var report = ImportReport()
        var kept = Set<String>()
        let now = clock.now()
        for batch in stride(from: 0, to: files.count, by: Self.batchSize).map({ files[$0..<min($0 + Self.batchSize, files.count)] }) {
            var prepared: [(CachedEntry, [DocSnippet])] = []
            for (relative, url) in batch {
                guard let data = try? Data(contentsOf: url), data.count <= Self.maxFileBytes,
                      let text = String(data: data, encoding: .utf8) else {
                    report.skipped.append(relative)
                    continue
                }
                let key = DocsCache.key(.imported, library.description, relative)
                let snippets = MarkdownChunker.chunks(text, fallbackTitle: relative).map {
                    DocSnippet(title: $0.title, body: $0.body, url: url.absoluteString + $0.anchor)
                }
                prepared.append((CachedEntry(key: key, kind: .imported, libraryID: library.base, version: library.version,
                                             query: relative, body: data, fetchedAt: now, accessedAt: now, pinned: true), snippets))
                kept.insert(key)
                report.chunks += snippets.count
            }
            try store.write { db in
                for (entry, snippets) in prepared { try DocsCache.put(entry, snippets: snippets, in: db) }
            }
            report.files += prepared.count
        }
        report.removed = try finish(library, kept: kept, title: title ?? root.lastPathComponent)
        store.checkpoint()
        return report
    }

    /// Drops the library's files that were not in this import and records the library.
    private func finish(_ library: LibraryID, kept: Set<String>, title: String) throws -> Int {
        try store.write { db in
            let existing = try String.fetchAll(db, sql: """
                SELECT key FROM entry WHERE kind = 'import' AND library_id = ? AND version IS ?
                """, arguments: [library.base, library.version])
            let gone = existing.filter { !kept.contains($0) }
            for key in gone { try db.execute(sql: "DELETE FROM entry WHERE key = ?", arguments: [key]) }
            let versions = try String.fetchAll(db, sql: """
                SELECT DISTINCT version FROM entry WHERE kind = 'import' AND library_id = ? AND version IS NOT NULL ORDER BY version
                """, arguments: [library.base])
            try db.execute(sql: """
                INSERT INTO library (id, title, description, versions, seen_at) VALUES (?, ?, 'imported', ?, ?)
                ON CONFLICT(id) DO UPDATE SET versions = excluded.versions, seen_at = excluded.seen_at
                """, arguments: [library.base, title, versions.joined(separator: "\n"), clock.now().timeIntervalSince1970])
            return gone.count
        }
    }

    /// Markdown files under `root`, as (path relative to root, URL), sorted; hidden folders skipped.
    static func markdownFiles(under root: URL) throws -> [(String, URL)] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: root.path])
        }
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey],
                                                          options: [.skipsHiddenFiles]) else { return [] }
        let prefix = root.path.hasSuffix("/") ? root.path : root.path + "/"
        var files: [(String, URL)] = []
        for case let url as URL in walker where extensions.contains(url.pathExtension.lowercased()) {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            let path = url.standardizedFileURL.path
            files.append((path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : url.lastPathComponent, url.standardizedFileURL))
        }
        return files.sorted { $0.0 < $1.0 }
    }
}
