import ArgumentParser
import Foundation
import PromptMCPKit

struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show which rules and limits apply to a path, and which line of the policy set each.")

    @Argument(help: "A path, relative to the current directory (it need not exist yet).")
    var path: String

    func run() throws {
        let repository = try Repository.current()
        let absolute = URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
            .standardizedFileURL.path
        let root = URL(fileURLWithPath: repository.workDirectory).standardizedFileURL.path + "/"
        guard absolute.hasPrefix(root) else {
            throw UsageError("\(path) is outside the repository at \(root)")
        }
        Terminal.out(PolicyDescription.explain(String(absolute.dropFirst(root.count)), try PolicySource.forWorkTree(in: repository)))
    }
}
