import Foundation
import XCTest

/// Drives `promptmcp mcp` with the official MCP Python client (`Tests/MCP/test_mcp_server.py`),
/// so that `swift test` checks the server against a real client over stdio. A missing `mcp`
/// package fails the test with what to install: a protocol test that silently skips proves
/// nothing.
final class MCPServerTests: XCTestCase {
    static let testsFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("MCP")

    func testTheOfficialPythonClientDrivesTheServer() throws {
        try Self.requirePythonModules()
        let cache = FileManager.default.temporaryDirectory.appendingPathComponent("promptmcp-mcp-cache-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: cache) }
        let template = try Self.templateRepository(cache: cache.path)
        // The template must outlive the run: its deinit deletes the folder.
        let result = try withExtendedLifetime(template) { try Command.run("/usr/bin/env", ["python3", "-m", "pytest", Self.testsFolder.path, "-q", "-p", "no:cacheprovider"],
                                     in: Self.testsFolder.path, environment: [
                                        "PROMPTMCP_BINARY": Command.promptmcpBinary.path,
                                        "PROMPTMCP_MCP_TEMPLATE": template.path,
                                        "PROMPTMCP_CACHE_DIR": cache.path,
                                        "PROMPTMCP_OFFLINE": "1",
                                     ]) }
        XCTAssertEqual(result.status, 0, "pytest failed:\n\(result.stdout)\n\(result.stderr)")
        XCTAssertTrue(result.stdout.contains(" passed"), result.stdout)
    }

    /// A repository with what the Python tests look for: a commit, a one-line staged change, a
    /// policy (protected LICENSE, a cap, a health rate limit), docs, a local lesson, an imported
    /// documentation library, and a symbolic link that leads out of the repository.
    static func templateRepository(cache: String) throws -> GitRepo {
        let repo = try GitRepo()
        try repo.write(".promptmcp/policy.yml", """
            version: 1
            caps: { max_lines_per_file: 40, severity: error }
            protected: [LICENSE]
            mcp:
              rate_limits: { promptmcp_health: 3/min }

            """)
        try repo.write("README.md", "# Demo app\n\nBuild with `swift build`, test with `swift test`.\n")
        try repo.write("Package.swift", "// swift-tools-version: 6.0\nimport PackageDescription\nlet package = Package(name: \"Demo\")\n")
        try repo.write("Sources/App/main.swift", "print(\"hello\")\n")
        try repo.write("LICENSE", "MIT License\n")
        try repo.write("docs/guide.md", "# Guide\n\n## Greetings\n\nEvery greeting goes through Greeter.greet(name:); never print a greeting directly.\n")
        try repo.git("add", "-A")
        try repo.commit("Initial commit")
        try repo.stage("Sources/App/main.swift", "print(\"hello\")\nprint(\"world\")\n")
        try FileManager.default.createSymbolicLink(atPath: repo.root.appendingPathComponent("outside").path, withDestinationPath: "/etc")

        let environment = ["PROMPTMCP_CACHE_DIR": cache]
        let lesson = try repo.promptmcp("lessons", "add", "Greet through Greeter", "--paths", "Sources/App/*.swift",
                                        "--fix", "Call Greeter.greet(name:) instead of print.", environment: environment)
        XCTAssertEqual(lesson.status, 0, lesson.stderr)
        let handbook = repo.root.deletingLastPathComponent().appendingPathComponent("handbook-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: handbook) }
        try FileManager.default.createDirectory(at: handbook, withIntermediateDirectories: true)
        try Data("# Greeter library\n\n## Formal greetings\n\nUse Greeter.formal(name:) for formal greetings in letters.\n".utf8)
            .write(to: handbook.appendingPathComponent("greeter.md"))
        let imported = try repo.promptmcp("docs", "import", handbook.path, "--library", "/acme/greeter@1.0", environment: environment)
        XCTAssertEqual(imported.status, 0, imported.stderr)
        return repo
    }

    static func requirePythonModules() throws {
        let probe = try Command.run("/usr/bin/env", ["python3", "-c", "import mcp, pytest, anyio"], in: FileManager.default.temporaryDirectory.path)
        guard probe.status == 0 else {
            throw Python.Missing(description: """
                The MCP tests drive the server with the official MCP Python client and pytest, which are missing \
                (\(probe.stderr.split(separator: "\n").last ?? "")). Install them: pip install mcp pytest (.ci/run does this)
                """)
        }
    }
}
