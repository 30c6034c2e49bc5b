import Foundation
import XCTest
@testable import PromptMCPKit

/// Valid policies: what they load to, laid over the defaults, and where each value was set.
extension PolicyLoaderTests {
    func testTheDocumentedExampleLoadsWithEverySectionEnforced() throws {
        // The design's example names the MCP tools the old way (dots), which still loads; the
        // agents: section is newer than the design's copy (which our own policy protects).
        let text = try String(contentsOf: Self.repositoryRoot.appendingPathComponent("docs/policy-example.yml"), encoding: .utf8)
        let policy = try load(text + Self.agentsExample)
        XCTAssertEqual(policy.mcp.rateLimits["promptmcp_check"]?.value, MCPPolicy.Rate(count: 60, perSeconds: 60))
        XCTAssertEqual(policy.mcp.rateLimits["promptmcp_enhance"]?.value, MCPPolicy.Rate(count: 30, perSeconds: 60))
        XCTAssertEqual(policy.caps.maxLinesPerFile, Located(400, at: SourceLocation(file: file, line: 6, column: 23)))
        XCTAssertEqual(policy.caps.severity.value, .error)
        XCTAssertEqual(policy.protected.globs.map(\.value.pattern), ["LICENSE", ".github/workflows/**"])
        XCTAssertEqual(policy.settings(for: "docs/guide.md").maxLinesPerFile.value, 2000)
        XCTAssertTrue(policy.settings(for: "vendor/lib/x.c").excluded.value)
        XCTAssertTrue(policy.settings(for: "App/Model.generated.swift").excluded.value)
        let agents = try XCTUnwrap(policy.agents)
        XCTAssertEqual(agents.maxLinesPerFile?.value, 200)
        XCTAssertEqual(agents.protected.map(\.value.pattern), ["Sources/Payments/**"])
        XCTAssertEqual(agents.rateLimits.first?.maxLines?.value, 3000)
        XCTAssertTrue(agents.recognises(message: "x\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n"))
    }

    static let agentsExample = #"""

        agents:
          caps: { max_lines_per_file: 200, max_files: 20, max_total_lines: 800, severity: error }
          protected: ["Sources/Payments/**"]
          rate_limits:
            - { paths: ["Sources/**"], max_lines: 3000, window: 24h }
          allow_policy_edits: false
          commit_trailers: ["(?im)^Co-Authored-By:.*\\b(Claude|Copilot|Codex|Gemini|Cursor)\\b"]

        """#

    func testBooleansLoadInEveryYAMLSpelling() throws {
        let policy = try load("""
            version: 1
            paths:
              - { match: "vendor/**", exclude: yes, generated: On }
              - { match: "docs/**", exclude: FALSE, protected: !!bool "true" }
            """)
        XCTAssertTrue(policy.settings(for: "vendor/a.c").excluded.value)
        XCTAssertFalse(policy.settings(for: "docs/a.md").excluded.value)
        XCTAssertTrue(policy.settings(for: "docs/a.md").protected.value)
    }

    func testStarterPolicyLoads() throws {
        XCTAssertEqual(try load(StarterPolicy.text).protected.globs.map(\.value.pattern), [], "no licence file found")
        let policy = try load(StarterPolicy.text(for: .init(licences: ["LICENSE", "COPYING.txt"], ci: [".gitlab-ci.yml"])))
        XCTAssertEqual(policy.caps.maxFiles.value, Policy.defaults.caps.maxFiles.value)
        XCTAssertEqual(policy.protected.globs.map(\.value.pattern), ["LICENSE", "COPYING.txt"], "the CI file is a comment")
        XCTAssertEqual(policy.settings(for: "docs/a.md").maxLinesPerFile.value, 2000)
    }

    func testDefaultsApplyWhenTheFileSetsNothing() throws {
        let policy = try load("version: 1\n")
        let caps = policy.caps
        XCTAssertEqual(caps.maxLinesPerFile, Located(500))
        XCTAssertEqual(caps.maxFiles, Located(50))
        XCTAssertEqual(caps.maxTotalLines, Located(2000))
        XCTAssertEqual(caps.count, Located(.changed))
        XCTAssertEqual(caps.severity, Located(.warning))
        XCTAssertEqual(policy.protected.severity, Located(.error))
        XCTAssertTrue(policy.protected.globs.isEmpty)
        XCTAssertEqual(policy.paths.count, 2, "only the built-in lock-file and generated-file entries")
        XCTAssertTrue(policy.paths.allSatisfy { $0.location == nil })
        let settings = policy.settings(for: "Sources/App/main.swift")
        XCTAssertEqual(settings.capsSeverity.origin, "built-in default")
        XCTAssertFalse(settings.excluded.value)
        XCTAssertFalse(settings.protected.value)
        XCTAssertEqual(policy.severity(of: MaxFilesRule.description, at: "Sources/App/main.swift"), .warning)
    }

    func testLastMatchingPathEntryWins() throws {
        let policy = try load("""
        version: 1
        paths:
          - match: "docs/**"
            caps: { max_lines_per_file: 2000, count: added }
          - match: "docs/generated/**"
            caps: { max_lines_per_file: 0 }
        """)
        let generated = policy.settings(for: "docs/generated/api.md")
        XCTAssertEqual(generated.maxLinesPerFile.value, 0)
        XCTAssertEqual(generated.maxLinesPerFile.location?.line, 6)
        XCTAssertEqual(generated.count.value, .added, "a key the last entry does not set keeps the earlier entry's value")
        XCTAssertEqual(generated.matchedOverrides.compactMap(\.location?.line), [3, 5])
        XCTAssertEqual(policy.settings(for: "docs/guide.md").maxLinesPerFile.value, 2000)
        XCTAssertEqual(policy.settings(for: "README.md").maxLinesPerFile, Located(500))
    }

    func testLockFilesHaveCapsOffUntilALaterEntryTurnsThemOn() throws {
        let defaults = try load("version: 1\n").settings(for: "web/package-lock.json")
        XCTAssertEqual(defaults.capsSeverity, Located(.off))
        XCTAssertEqual(try load("version: 1\n").severity(of: MaxFilesRule.description, at: "web/package-lock.json"), .off)

        let policy = try load("""
        version: 1
        paths:
          - match: package-lock.json
            caps: { severity: error }
        """)
        let settings = policy.settings(for: "web/package-lock.json")
        XCTAssertEqual(settings.capsSeverity.value, .error)
        XCTAssertEqual(settings.capsSeverity.location?.line, 4)
        XCTAssertEqual(policy.severity(of: MaxTotalLinesRule.description, at: "web/package-lock.json"), .error)
        XCTAssertEqual(policy.settings(for: "Cargo.lock").capsSeverity, Located(.off), "other lock files keep the built-in entry")
    }

    func testProtectedAsAList() throws {
        let policy = try load("version: 1\nprotected:\n  - LICENSE\n  - .github/workflows/**\n")
        XCTAssertEqual(policy.protected.severity, Located(.error))
        let settings = policy.settings(for: ".github/workflows/ci.yml")
        XCTAssertTrue(settings.protected.value)
        XCTAssertEqual(settings.protected.location?.line, 4)
        XCTAssertFalse(policy.settings(for: "src/LICENSE.md").protected.value)
    }

    func testProtectedAsAMapWithItsOwnSeverity() throws {
        let policy = try load("version: 1\nprotected: { severity: warning, paths: [LICENSE, \"*.pem\"] }\n")
        XCTAssertEqual(policy.protected.severity.value, .warning)
        XCTAssertEqual(policy.protected.severity.location?.line, 2)
        XCTAssertEqual(policy.protected.globs.map(\.value.pattern), ["LICENSE", "*.pem"])
        XCTAssertTrue(policy.settings(for: "keys/server.pem").protected.value)
    }

    func testProtectedFalseInAPathsEntryLiftsAProtection() throws {
        let policy = try load("""
        version: 1
        protected: [".github/**"]
        paths:
          - match: .github/dependabot.yml
            protected: false
        """)
        let lifted = policy.settings(for: ".github/dependabot.yml")
        XCTAssertFalse(lifted.protected.value)
        XCTAssertEqual(lifted.protected.location?.line, 5)
        XCTAssertTrue(policy.settings(for: ".github/workflows/ci.yml").protected.value)
    }

    func testExcludedPathsCountTowardNothing() throws {
        let policy = try load("version: 1\npaths:\n  - match: [\"vendor/**\", \"**/*.generated.swift\"]\n    exclude: true\n")
        let settings = policy.settings(for: "vendor/lib/a.c")
        XCTAssertTrue(settings.excluded.value)
        XCTAssertEqual(settings.excluded.location?.line, 4)
        XCTAssertFalse(policy.settings(for: "Sources/vendor.swift").excluded.value)
    }

    func testValuesCarryTheirLocations() throws {
        let policy = try load("""
        version: 1
        caps:
          max_lines_per_file: 300
          max_files: 20
          severity: error
        """)
        XCTAssertEqual(policy.caps.maxFiles.location?.line, 4)
        XCTAssertEqual(policy.caps.maxFiles.location?.column, 14)
        XCTAssertEqual(policy.caps.maxFiles.origin, ".promptmcp/policy.yml:4")
        XCTAssertEqual(policy.caps.severity.location?.line, 5)
        XCTAssertEqual(policy.caps.maxTotalLines.origin, "built-in default")
    }

    func testSeverityOffNeedsNoQuotes() throws {
        // YAML 1.1 reads a bare `off` as a boolean; the policy must still take it as the severity.
        let policy = try load("version: 1\ncaps:\n  severity: off\n")
        XCTAssertEqual(policy.caps.severity.value, .off)
    }

    func testEffectivePolicyTextLoadsAgainWithTheSameValues() throws {
        let policy = try load("""
        version: 1
        caps: { max_files: 7, count: added }
        protected: { severity: warning, paths: ["it's/**", 'a\\[1\\].txt'] }
        paths:
          - match: "docs/**"
            exclude: true
        """)
        let text = PolicyDescription.effective(ResolvedPolicy(policy: policy, source: file, notes: []))
        let again = try PolicyLoader.load(text, file: "shown.yml")
        XCTAssertEqual(again.caps.maxFiles.value, 7)
        XCTAssertEqual(again.caps.count.value, .added)
        XCTAssertEqual(again.protected.severity.value, .warning)
        XCTAssertEqual(again.protected.globs.map(\.value.pattern), ["it's/**", "a\\[1\\].txt"])
        // The built-in lock-file entry is spelt out, so it comes first twice: harmless, same values.
        XCTAssertEqual(again.settings(for: "yarn.lock").capsSeverity.value, .off)
        XCTAssertTrue(again.settings(for: "docs/a.md").excluded.value)
    }
}
