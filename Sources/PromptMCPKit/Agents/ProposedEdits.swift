import Foundation

/// The whole new content of each file an agent's action would write, built from the file as it
/// is now in the work tree (the agent edits the work tree): a replacement applied, a whole
/// Write, a patch. Files outside the repository are none of the policy's business and are left out.
struct ProposedEdits {
    let repository: Repository
    /// What relative paths in the event are relative to.
    let directory: String

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    func edits(for action: AgentAction) throws -> [ProposedEdit] {
        switch action {
        case let .write(path, content):
            return try relative(path).map { [ProposedEdit(path: $0, content: Array(content.utf8))] } ?? []
        case let .replace(path, replacements):
            guard let relative = try relative(path) else { return [] }
            var content = currentBytes(relative) ?? []
            for (index, replacement) in replacements.enumerated() {
                guard let changed = replacement.applied(to: content) else {
                    throw Failure(description: "edit \(index + 1) of \(relative) cannot be applied: its old_string is not in the file; read the file again and retry")
                }
                content = changed
            }
            return [ProposedEdit(path: relative, content: content)]
        case .delete(let path):
            return try relative(path).map { [ProposedEdit(path: $0, content: nil)] } ?? []
        case .edited(let path):
            return try relative(path).map { [ProposedEdit(path: $0, content: currentBytes($0))] } ?? []
        case .patch(let text):
            return try patchEdits(try ApplyPatch(text))
        case .shell, .other:
            return []
        }
    }

    private func patchEdits(_ patch: ApplyPatch) throws -> [ProposedEdit] {
        try patch.operations.flatMap { operation -> [ProposedEdit] in
            switch operation {
            case let .add(path, content):
                return try relative(path).map { [ProposedEdit(path: $0, content: Array(content.utf8))] } ?? []
            case .delete(let path):
                return try relative(path).map { [ProposedEdit(path: $0, content: nil)] } ?? []
            case let .update(path, moveTo, chunks):
                guard let source = try relative(path) else { return [] }
                guard let text = current(source) else { throw Failure(description: "the patch updates \(source), which does not exist") }
                let content = Array(try ApplyPatch.apply(chunks, to: text, path: source).utf8)
                guard let moveTo, let target = try relative(moveTo) else { return [ProposedEdit(path: source, content: content)] }
                return [ProposedEdit(path: source, content: nil), ProposedEdit(path: target, content: content)]
            }
        }
    }

    /// The path relative to the work tree's root, or nil when it lies outside.
    private func relative(_ path: String) throws -> String? {
        let absolute = path.hasPrefix("/") ? path : directory + "/" + path
        let standard = (absolute as NSString).standardizingPath
        let root = (repository.workDirectory as NSString).standardizingPath
        guard standard.hasPrefix(root + "/") else { return nil }
        let inside = String(standard.dropFirst(root.count + 1))
        if inside == ".git" || inside.hasPrefix(".git/") {
            throw Failure(description: "\(inside) is inside the git folder, which an agent may not write")
        }
        return inside
    }

    private func current(_ path: String) -> String? {
        currentBytes(path).map { String(decoding: $0, as: UTF8.self) }
    }

    private func currentBytes(_ path: String) -> [UInt8]? {
        FileManager.default.contents(atPath: repository.workDirectory + path).map { [UInt8]($0) }
    }
}
