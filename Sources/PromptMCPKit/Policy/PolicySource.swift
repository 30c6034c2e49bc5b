import Foundation

/// A policy together with which copy of the file it came from.
public struct ResolvedPolicy: Sendable {
    public var policy: Policy
    /// For people: ".promptmcp/policy.yml (staged)", "built-in defaults", ...
    public var source: String
    /// Warnings about the choice, such as unstaged edits to the policy file.
    public var notes: [String]
    /// The blob the policy was read from; nil for the built-in defaults or a work-tree file.
    public var blob: ObjectID? = nil
}

/// Decides which copy of `.promptmcp/policy.yml` judges a change.
///
/// - A staged change is judged by the STAGED policy: the commit carries the policy it was judged
///   by, just as it carries the code. Unstaged edits to the file are ignored, with a note. A
///   policy file that is not in the index yet (just written by `promptmcp init`) is used as it is.
/// - Existing commits are judged by their parent's policy, a CI range by its base's, so that a
///   change cannot relax the policy that judges it (`JudgingInputs` reads those copies).
/// - The `config` and `explain` commands read the work tree copy: the one being edited.
public enum PolicySource {
    static let file = PolicyLoader.path

    public static func forStagedChange(in repository: Repository) throws -> ResolvedPolicy {
        let attributes = try repository.stagedContent(of: GeneratedFiles.attributesPath)
        guard let copy = try stagedCopy(of: file, in: repository) else { return defaults.addingAttributes(attributes) }
        var policy = try resolved(copy.bytes, label: "\(file) (\(copy.blob == nil ? "not staged yet" : "staged"))", notes: copy.notes)
        policy.blob = copy.blob
        return policy.addingAttributes(attributes)
    }

    /// The staged bytes of a file that judges changes (the policy, the baseline) and their blob,
    /// or the work tree's (no blob) when it is not staged yet; notes say when the copies differ.
    static func stagedCopy(of path: String, in repository: Repository) throws -> (bytes: [UInt8], blob: ObjectID?, notes: [String])? {
        let workTree = FileManager.default.contents(atPath: repository.workDirectory + path).map(Array.init)
        guard let blob = try repository.stagedBlobID(of: path) else {
            return workTree.map { ($0, nil, ["\(path) is not staged yet; it is used as it is in the work tree"]) }
        }
        let staged = try repository.existingBlob(blob, at: path)
        let notes = workTree.map { $0 != staged } ?? false
            ? ["\(path) has unstaged edits; the staged version judges this commit (git add it to use the edits)"]
            : []
        return (staged, blob, notes)
    }

    public static func forWorkTree(in repository: Repository) throws -> ResolvedPolicy {
        let attributes = FileManager.default.contents(atPath: repository.workDirectory + GeneratedFiles.attributesPath).map(Array.init)
        guard let bytes = workTreeCopy(in: repository) else { return defaults.addingAttributes(attributes) }
        return try resolved(Array(bytes), label: file, notes: []).addingAttributes(attributes)
    }

    /// Loads a policy from the bytes of a file. `label` names the copy for people; `file` is the
    /// path that error messages and origins name (pass the real path for a file given by hand).
    public static func resolved(_ bytes: [UInt8], label: String, notes: [String], file: String = PolicyLoader.path) throws -> ResolvedPolicy {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw PolicyError(diagnostics: [PolicyDiagnostic(
                location: SourceLocation(file: file, line: 1, column: 1), level: .error,
                message: "the policy file is not valid UTF-8 text")])
        }
        let policy = try PolicyLoader.load(text, file: file)
        return ResolvedPolicy(policy: policy, source: label, notes: notes + policy.notes)
    }

    /// The work tree's policy file, if there is one. (`FileManager.contents(atPath:)` rather than
    /// `Data(contentsOf:)`, whose error for a missing file cost 0.15 ms of a hook.)
    private static func workTreeCopy(in repository: Repository) -> Data? {
        FileManager.default.contents(atPath: repository.workDirectory + file)
    }

    static let defaults = ResolvedPolicy(policy: .defaults, source: "built-in defaults (no \(file))", notes: [])
}
