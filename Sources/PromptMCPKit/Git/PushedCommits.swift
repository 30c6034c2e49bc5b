import Foundation

/// The commits a `git push` sends, from the lines git writes to a pre-push hook's standard input:
/// `<local ref> <local id> <remote ref> <remote id>`, one per ref being pushed.
public enum PushedCommits {
    /// Deleted refs send nothing; a new branch sends what no remote-tracking branch has yet; an
    /// update sends what the remote's old tip lacks (or, when that tip was never fetched, what no
    /// remote-tracking branch has). Each commit is listed once, oldest first per ref.
    public static func read(from input: Data, in repository: Repository) throws -> [ObjectID] {
        let reader = ChangeSetReader(repository: repository)
        var seen = Set<ObjectID>()
        var ids: [ObjectID] = []
        for line in String(decoding: input, as: UTF8.self).split(separator: "\n") {
            let fields = line.split(separator: " ").map(String.init)
            guard fields.count == 4, let local = ObjectID(hex: fields[1]), let remote = ObjectID(hex: fields[3]),
                  !local.isZero else { continue }
            let knownRemote = !remote.isZero && repository.hasCommit(remote)
            let pushed = try reader.commitIDs(from: local, hiding: knownRemote ? [remote] : [], hidingRemotes: !knownRemote)
            for id in pushed where seen.insert(id).inserted { ids.append(id) }
        }
        return ids
    }
}
