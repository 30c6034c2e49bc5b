import Foundation

/// Everything the repository itself says about how to judge a run, read from ONE copy of its
/// files: the policy and the baseline (the policy carries the allow lists). A staged change is
/// judged by the staged copies; an existing commit by its parent's; a range by its base's. So a
/// change can neither relax the policy that judges it nor baseline its own findings.
public struct JudgingInputs: Sendable {
    public var policy: ResolvedPolicy
    public var baseline: Baseline
    /// The blob the baseline was read from; nil for no baseline or a file read from the work tree.
    public var baselineBlob: ObjectID?
    /// The blob the policy was read from; nil for the built-in defaults or a work-tree file.
    public var policyBlob: ObjectID? { policy.blob }

    /// The staged copies; a file not staged yet (just written by `promptmcp init`) is read
    /// from the work tree, with a note.
    public static func staged(in repository: Repository) throws -> JudgingInputs {
        var policy = try PolicySource.forStagedChange(in: repository)
        let baseline = try PolicySource.stagedCopy(of: Baseline.path, in: repository)
        policy.notes += baseline?.notes ?? []
        return JudgingInputs(policy: policy, baseline: try baseline.map { try Baseline.decode($0.bytes) } ?? .empty,
                             baselineBlob: baseline?.blob)
    }

    /// The work tree's copies: whole-tree scans and the commands that edit the policy.
    public static func workTree(in repository: Repository) throws -> JudgingInputs {
        JudgingInputs(policy: try PolicySource.forWorkTree(in: repository), baseline: try workTreeBaseline(in: repository))
    }

    /// The copies in a commit's tree.
    public static func at(_ commit: ObjectID, in repository: Repository) throws -> JudgingInputs {
        let policyBlob = try repository.blobID(of: PolicySource.file, at: commit)
        let baselineBlob = try repository.blobID(of: Baseline.path, at: commit)
        var policy = try policyBlob.map { blob in
            var policy = try PolicySource.resolved(repository.existingBlob(blob, at: PolicySource.file),
                                                   label: "\(PolicySource.file) (at \(commit.short))", notes: [])
            policy.blob = blob
            return policy
        } ?? PolicySource.defaults
        policy = policy.addingAttributes(try repository.content(of: GeneratedFiles.attributesPath, at: commit))
        let baseline = try baselineBlob.map { try Baseline.decode(repository.existingBlob($0, at: Baseline.path)) } ?? .empty
        return JudgingInputs(policy: policy, baseline: baseline, baselineBlob: baselineBlob)
    }

    /// What judges existing commits (oldest first): the copies at the first parent that is not
    /// among them (the commit a range or push builds on), or, when every commit's history is new
    /// (a root commit, a new repository's first push), the built-in defaults, since no commit
    /// before them holds a policy. A parent missing from a shallow clone is an error: judging by
    /// anything else would be a guess.
    static func before(_ commits: [CommitInfo], in repository: Repository) throws -> (inputs: JudgingInputs, base: ObjectID?) {
        let judged = Set(commits.map(\.id))
        guard let base = commits.lazy.flatMap(\.parentIDs).first(where: { !judged.contains($0) }) else {
            if let cut = commits.first(where: { repository.isShallowBoundary($0.id) }) {
                throw GitError.missingFromShallowClone("the parent of \(cut.id.short), whose policy judges it")
            }
            var inputs = JudgingInputs(policy: PolicySource.defaults, baseline: .empty)
            if let root = commits.first {
                inputs.policy.notes.append("\(root.id.short) is a root commit: judged by the built-in defaults, since no commit before it holds a policy")
            }
            return (inputs, nil)
        }
        guard repository.hasCommit(base) else {
            throw GitError.missingFromShallowClone("\(base.short) (the commit before the ones judged, whose policy judges them)")
        }
        return (try at(base, in: repository), base)
    }

    private static func workTreeBaseline(in repository: Repository) throws -> Baseline {
        try FileManager.default.contents(atPath: repository.workDirectory + Baseline.path).map { try Baseline.decode(Array($0)) } ?? .empty
    }
}
