import ArgumentParser
import Foundation
import PromptMCPKit

struct Config: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check or show the policy.",
        discussion: "Both read the work tree's .promptmcp/policy.yml: the copy you are editing.",
        subcommands: [Validate.self, Show.self]
    )

    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the policy file; print every problem as FILE:LINE:COL: message.",
            discussion: "Also runs the examples of the policy's own rules (secrets.custom, content_rules).")

        @Option(help: "Check this file instead of the repository's .promptmcp/policy.yml.")
        var file: String?

        func run() throws {
            let resolved = try loadPolicy(file: file)
            try CustomRuleExamples.verify(resolved.policy)
            Terminal.out("\(resolved.source): valid\n" + resolved.notes.map { "note: \($0)\n" }.joined())
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the effective policy (defaults merged), each value with where it was set.")

        @Option(help: "Show this file instead of the repository's .promptmcp/policy.yml.")
        var file: String?

        func run() throws {
            Terminal.out(PolicyDescription.effective(try loadPolicy(file: file)))
        }
    }
}

/// The policy a `config` command works on: a named file, or the repository's work tree copy.
func loadPolicy(file: String?) throws -> ResolvedPolicy {
    guard let file else { return try PolicySource.forWorkTree(in: Repository.current()) }
    guard let data = FileManager.default.contents(atPath: file) else { throw UsageError("cannot read \(file)") }
    return try PolicySource.resolved(Array(data), label: file, notes: [], file: file)
}
