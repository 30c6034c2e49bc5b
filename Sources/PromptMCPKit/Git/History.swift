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
    ///
    /// The walk is our own, newest first by commit time: any sorted libgit2 revwalk first lists
    /// the whole history (about 400 ms for 100,000 commits), while this one reads only the
    /// commits inside the window and the parents at its edge.
    public func commits(from tip: ObjectID, since: Int64, author: String?, countLines: Bool,
                        matches: (String) -> Bool) throws -> [Entry] {
        let reader = ChangeSetReader(repository: repository)
        var frontier = [try reader.commitInfo(tip)]
        var seen: Set<ObjectID> = [tip]
        var entries: [Entry] = []
        while let index = frontier.indices.max(by: { frontier[$0].commitTime < frontier[$1].commitTime }) {
            let info = frontier.remove(at: index)
            if info.commitTime < since { break }  // the newest left is outside the window: so are the rest
            for parent in info.parentIDs where seen.insert(parent).inserted {
                frontier.append(try reader.commitInfo(parent))
            }
            if let author, info.authorEmail.lowercased() != author.lowercased() { continue }
            let touched = try reader.commitDeltas(info).filter { matches($0.path) || ($0.oldPath.map(matches) ?? false) }
            guard !touched.isEmpty else { continue }
            let lines = countLines ? try FileLoader(repository: repository).load(touched) { $0.changedLineCount }.reduce(0, +) : 0
            entries.append(Entry(id: info.id, time: info.commitTime, authorEmail: info.authorEmail, changedLines: lines))
        }
        return entries
    }
}
