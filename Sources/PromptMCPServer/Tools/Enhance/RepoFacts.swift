import Foundation
import PromptMCPKit

/// What an agent should know about a repository before it changes anything: its languages
/// (from the files in the index, not the work tree's build products) and how it is built and
/// tested (from the files that declare it, and from the policy's test gates).
struct RepoFacts {
    var fileCount = 0
    var languages: [(name: String, files: Int)] = []
    var commands: [String] = []

    static let languageByExtension: [String: String] = [
        "swift": "Swift", "py": "Python", "js": "JavaScript", "mjs": "JavaScript", "cjs": "JavaScript", "jsx": "JavaScript",
        "ts": "TypeScript", "tsx": "TypeScript", "go": "Go", "rs": "Rust", "java": "Java", "kt": "Kotlin", "kts": "Kotlin",
        "c": "C", "h": "C/C++ headers", "cc": "C++", "cpp": "C++", "cxx": "C++", "hpp": "C++", "m": "Objective-C",
        "mm": "Objective-C++", "rb": "Ruby", "php": "PHP", "cs": "C#", "sh": "Shell", "bash": "Shell", "scala": "Scala",
        "ex": "Elixir", "exs": "Elixir", "erl": "Erlang", "hs": "Haskell", "lua": "Lua", "dart": "Dart", "zig": "Zig",
    ]

    static func gather(_ repository: Repository, policy: Policy?) -> RepoFacts {
        var facts = RepoFacts()
        let paths = (try? repository.indexedPaths()) ?? []
        facts.fileCount = paths.count
        var counts: [String: Int] = [:]
        for path in paths {
            let name = path.split(separator: "/").last.map(String.init) ?? path
            guard let dot = name.lastIndex(of: "."), let language = languageByExtension[name[name.index(after: dot)...].lowercased()] else { continue }
            counts[language, default: 0] += 1
        }
        facts.languages = counts.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.prefix(6).map { ($0.key, $0.value) }
        let root = Set(paths.filter { !$0.contains("/") })
        facts.commands = buildCommands(root, repository) + (policy?.tests ?? []).map { gate in
            "policy test gate '\(gate.name)': \(gate.command.display)"
        }
        if paths.contains(".ci/run") { facts.commands.append("CI: bash .ci/run") }
        return facts
    }

    /// Build and test commands declared by well-known files at the root.
    private static func buildCommands(_ root: Set<String>, _ repository: Repository) -> [String] {
        var commands: [String] = []
        if root.contains("Package.swift") { commands += ["build: swift build", "test: swift test"] }
        if root.contains("Cargo.toml") { commands += ["build: cargo build", "test: cargo test"] }
        if root.contains("go.mod") { commands += ["build: go build ./...", "test: go test ./..."] }
        if root.contains("package.json") { commands += npmCommands(repository, root) }
        if root.contains("pyproject.toml") || root.contains("setup.py") { commands.append("test: python -m pytest") }
        if root.contains("pom.xml") { commands += ["build: mvn -q package", "test: mvn test"] }
        if root.contains("build.gradle") || root.contains("build.gradle.kts") {
            commands += root.contains("gradlew") ? ["build: ./gradlew build", "test: ./gradlew test"] : ["build: gradle build", "test: gradle test"]
        }
        if root.contains("CMakeLists.txt") { commands += ["build: cmake -B build && cmake --build build", "test: ctest --test-dir build"] }
        if root.contains("Makefile") { commands += makeTargets(repository) }
        return commands
    }

    private static func npmCommands(_ repository: Repository, _ root: Set<String>) -> [String] {
        let runner = root.contains("pnpm-lock.yaml") ? "pnpm" : root.contains("yarn.lock") ? "yarn" : "npm"
        guard let bytes = try? repository.stagedContent(of: "package.json"),
              let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any],
              let scripts = object["scripts"] as? [String: Any] else { return ["install: \(runner) install"] }
        return ["build", "test", "lint"].filter { scripts[$0] != nil }.map { "\($0): \(runner) run \($0)" }
    }

    private static func makeTargets(_ repository: Repository) -> [String] {
        guard let bytes = try? repository.stagedContent(of: "Makefile") else { return [] }
        let text = String(decoding: bytes.prefix(200_000), as: UTF8.self)
        return ["build", "test", "check", "lint"].filter { target in
            text.split(separator: "\n").contains { $0.hasPrefix(target + ":") }
        }.map { "\($0): make \($0)" }
    }

    var lines: [String] {
        var lines = ["\(Plural.count(fileCount, "file")) in the index"]
        if !languages.isEmpty {
            lines.append("languages: " + languages.map { "\($0.name) (\(Plural.count($0.files, "file")))" }.joined(separator: ", "))
        }
        lines += commands
        return lines
    }
}

extension TestGate.Command {
    var display: String {
        switch self {
        case .arguments(let arguments): return arguments.joined(separator: " ")
        case .shell(let line): return line
        }
    }
}
