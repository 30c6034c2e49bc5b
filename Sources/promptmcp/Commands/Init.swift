import ArgumentParser
import Foundation
import PromptMCPKit

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a commented starter policy to .promptmcp/policy.yml."
    )

    @Flag(help: "Replace an existing policy file.")
    var force = false

    func run() throws {
        let repository = try Repository.current()
        let path = repository.workDirectory + PolicyLoader.path
        if FileManager.default.fileExists(atPath: path), !force {
            throw UsageError("\(PolicyLoader.path) already exists; use --force to replace it")
        }
        try FileManager.default.createDirectory(atPath: repository.workDirectory + ".promptmcp", withIntermediateDirectories: true)
        try StarterPolicy.text.write(toFile: path, atomically: true, encoding: .utf8)
        Terminal.out("""
        wrote \(PolicyLoader.path)
        next: edit it, check it with `promptmcp config validate`, then `git add \(PolicyLoader.path)`
        and `promptmcp install` to judge every commit.

        """)
    }
}
