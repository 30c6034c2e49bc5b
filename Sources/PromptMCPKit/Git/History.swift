import CGit2

/// Reads past commits for rules that count them (rate limits). Walks newest first by commit time
/// and stops at the window's edge, so the cost follows the window, not the repository's age.
public final class History {
    let repository: Repository

    public init(repository: Repository) { self.repository = repository }

    public struct Entry: Sendable, Equatable {
        public var id: ObjectID
        /// Commit time, seconds since 1970.
        public var time: Int64
        public var authorEmail: String
        /// Lines changed (added + deleted) in the files the filter matched.
        public var changedLines: Int
    }

    /// Commits reachable from `tip` committed at or after `since`, by `author` (any when nil),
    /// that change at least one path `matches` accepts. `countLines` reads their diffs' lines.
    public func commits(from tip: ObjectID, since: Int64, author: String?, countLines: Bool,
                        matches: (String) -> Bool) throws -> [Entry] {
        var walk: OpaquePointer?
        try check("starting a revision walk", git_revwalk_new(&walk, repository.pointer))
        defer { git_revwalk_free(walk) }
        git_revwalk_sorting(walk, GIT_SORT_TIME.rawValue)
        var start = tip.raw
        try check("walking from \(tip.short)", git_revwalk_push(walk, &start))
        let reader = ChangeSetReader(repository: repository)
        var entries: [Entry] = []
        var oid = git_oid()
        while git_revwalk_next(&oid, walk) == 0 {
            let info = try reader.commitInfo(ObjectID(oid))
            if info.commitTime < since { break }
            if let author, info.authorEmail.lowercased() != author.lowercased() { continue }
            let touched = try reader.commitDeltas(info).filter { matches($0.path) || ($0.oldPath.map(matches) ?? false) }
            guard !touched.isEmpty else { continue }
            let lines = countLines ? try FileLoader(repository: repository).load(touched) { $0.changedLineCount }.reduce(0, +) : 0
            entries.append(Entry(id: info.id, time: info.commitTime, authorEmail: info.authorEmail, changedLines: lines))
        }
        return entries
    }
}
