@testable import PromptMCPKit

/// The files of a change as the product reads them before judging: the reader's deltas, then
/// `FileLoader` (the same two calls `Checker` makes), kept whole so that tests can look at them.
struct LoadedChange: Equatable {
    var commit: CommitInfo?
    var files: [FileChange]
}

extension ChangeSetReader {
    func staged() throws -> LoadedChange {
        LoadedChange(commit: nil, files: try FileLoader(repository: repository).load(stagedDeltas()) { $0 })
    }

    func commit(_ revision: String) throws -> LoadedChange {
        try commit(id: try repository.resolveCommit(revision))
    }

    /// Each commit of `from..to`, oldest first.
    func range(from: String, to: String) throws -> [LoadedChange] {
        try commitIDs(from: try repository.resolveCommit(to), hiding: [resolveBase(from)]).map(commit(id:))
    }

    private func commit(id: ObjectID) throws -> LoadedChange {
        let info = try commitInfo(id)
        return LoadedChange(commit: info, files: try FileLoader(repository: repository).load(commitDeltas(info)) { $0 })
    }
}

extension GitRepo {
    /// Judges `target` through the check session, as the hooks and CI do, but with `policy`
    /// instead of the repository's own copies; `author` and `now` as git would give them.
    func check(_ target: CheckRequest.Target = .staged(amending: false), policy: Policy,
               author: String = "author@example.com", now: Int64? = nil) throws -> Report {
        var session = CheckSession(repository: try open(), caller: "test")
        session.inputs = JudgingInputs(policy: ResolvedPolicy(policy: policy, source: "test", notes: []), baseline: .empty)
        var request = CheckRequest(target, environment: ["GIT_AUTHOR_EMAIL": author])
        if let now { request.now = { now } }
        return try session.run(request).report
    }
}
