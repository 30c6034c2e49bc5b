import Foundation
import XCTest
@testable import PromptMCPKit

/// The quality gates on real staged changes, for what the rules' own examples cannot show: only
/// added lines are judged, git's view of binary files, renames and deletions, policy options.
final class QualityRulesTests: XCTestCase {
    private var repo: GitRepo!

    override func setUpWithError() throws {
        repo = try GitRepo()
        try repo.stage("README.md", "base\n")
        try repo.commit("base")
    }

    private static let todoOn = "version: 1\nquality:\n  todo-without-reference: warning\n"

    private func check(_ policyText: String = "version: 1\n") throws -> [Finding] {
        let policy = try PolicyLoader.load(policyText, file: "policy.yml")
        return try repo.check(policy: policy).findings
            .filter { $0.rule.hasPrefix("quality/") }
    }

    private func places(_ findings: [Finding]) -> [String] {
        findings.map { "\($0.rule) \($0.file ?? ""):\($0.line.map(String.init) ?? "-")" }.sorted()
    }

    func testOnlyAddedLinesAreJudged() throws {
        try repo.stage("Sources/App.swift", "// TODO: old debt\nlet a = 1 \nprint(a)\n")
        try repo.commit()
        try repo.stage("Sources/App.swift", "// TODO: old debt\nlet a = 1 \nprint(a)\nlet b = 2 \n// FIXME: new debt\n")
        XCTAssertEqual(places(try check(Self.todoOn)), [
            "quality/todo-without-reference Sources/App.swift:5",
            "quality/trailing-whitespace Sources/App.swift:4",
        ])
    }

    func testFindingsCarryTheirPlaceAndAFingerprintThatSurvivesALineMove() throws {
        try repo.stage("a.swift", "let a = 1\n// TODO: tidy\n")
        let before = try XCTUnwrap(try check(Self.todoOn).first)
        XCTAssertEqual([before.line, before.column], [2, 4])
        XCTAssertEqual(before.severity, .warning)
        try repo.stage("a.swift", "import Foundation\n\nlet a = 1\n// TODO: tidy\n")
        let after = try XCTUnwrap(try check(Self.todoOn).first)
        XCTAssertEqual(after.line, 4)
        XCTAssertEqual(after.fingerprint, before.fingerprint)
    }

    func testBinaryFilesAreJudgedByPathAndSizeButNotByTheirLines() throws {
        let binary = Data([0x7F, 0x45, 0x4C, 0x46, 0x00, 0x00]) + Data(repeating: 0x20, count: 300)
        try repo.write("bin/tool", binary)
        try repo.write("Assets/logo.png", Data([0x89, 0x50, 0x4E, 0x47, 0x00, 0x01]))
        try repo.git("add", ".")
        XCTAssertEqual(places(try check("version: 1\nquality:\n  max-file-size: { bytes: 100 }\n")), [
            "quality/binary-files bin/tool:-",
            "quality/max-file-size bin/tool:-",
        ])
    }

    func testAPureRenameOrADeletionIsNotJudgedAgain() throws {
        try repo.write("big.bin", Data([0x00]) + Data(repeating: 0x41, count: 2000))
        try repo.stage(".env", "KEY=1\n")
        try repo.git("add", ".")
        try repo.commit()
        try repo.git("mv", "big.bin", "moved.bin")
        try repo.git("rm", "-q", ".env")
        XCTAssertEqual(places(try check("version: 1\nquality:\n  max-file-size: { bytes: 100 }\n")), [])
    }

    func testRenamingAFileToAForbiddenNameIsForbidden() throws {
        try repo.stage("settings.txt", "KEY=1\n")
        try repo.commit()
        try repo.git("mv", "settings.txt", ".env")
        XCTAssertEqual(places(try check()), ["quality/forbidden-files .env:-"])
    }

    func testFinalNewlineIsBlamedOnlyOnAChangeThatTouchesTheLastLine() throws {
        try repo.stage("notes.txt", "one\ntwo")
        try repo.commit()
        try repo.stage("notes.txt", "zero\none\ntwo")
        XCTAssertEqual(places(try check()), [])
        try repo.stage("notes.txt", "zero\none\ntwo\nthree")
        XCTAssertEqual(places(try check()), ["quality/final-newline notes.txt:4"])
    }

    func testASymlinkIsNotText() throws {
        try FileManager.default.createSymbolicLink(atPath: repo.root.appendingPathComponent("link").path,
                                                   withDestinationPath: "README.md ")
        try repo.git("add", "link")
        XCTAssertEqual(places(try check()), [], "a link's target has no final newline and may end in a space")
    }

    func testAnLFLineAddedToACRLFFileIsTheMinority() throws {
        try repo.stage("run.bat", "echo 1\r\necho 2\r\necho 3\r\n")
        try repo.commit()
        try repo.stage("run.bat", "echo 1\r\necho 2\nEcho 3\r\n")
        let finding = try XCTUnwrap(try check().first)
        XCTAssertEqual([finding.rule, "\(finding.line ?? 0):\(finding.column ?? 0)"], ["quality/mixed-line-endings", "2:7"])
        XCTAssertEqual(finding.message, "line ends with LF, but 2 of 3 lines end with CRLF")
    }

    func testPolicyOptionsOverrideTheDefaults() throws {
        try repo.stage("a.swift", "dump(1)\nNSLog(\"x\")\nlet \(String(repeating: "x", count: 40)) = 1\n")
        try repo.stage("b.ts", "console.log(1)\n")
        try repo.stage("secrets/.env", "A=1\n")
        let findings = try check("""
        version: 1
        quality:
          debug-leftover: { patterns: { swift: ["NSLog("] } }
          line-length: { severity: error, max: 30 }
          forbidden-files: { allow: ["secrets/**"] }
          trailing-whitespace: off
        """)
        XCTAssertEqual(places(findings), [
            "quality/debug-leftover a.swift:2",
            "quality/debug-leftover b.ts:1",
            "quality/line-length a.swift:3",
        ], "naming swift replaces its list and keeps the other extensions' defaults")
        XCTAssertEqual(findings.first { $0.rule == "quality/line-length" }?.severity, .error)
    }

    func testEveryOptionDefaultIsAValidPolicyValue() throws {
        for rule in QualityRules.all.map({ $0.description }) {
            for option in rule.options {
                let text = "version: 1\nquality:\n  \(rule.name):\n    \(option.name): \(option.defaultValue)\n"
                let policy = try PolicyLoader.load(text, file: "\(rule.id).\(option.name)")
                let written = try XCTUnwrap(policy.rules[rule.id]?.options[option.name]?.value, rule.id)
                XCTAssertEqual(written, option.parsedDefault, "\(rule.id) \(option.name): the default reads as the same value")
            }
        }
    }

    func testLiteralSearchHandsEachAddedLineWithAHitOnceInOrder() {
        var file = FileChange.added(path: "a.swift", content: Array("TODO a\nb\nc print( TODO\nd TODO\nprint(\ne TODO".utf8))
        file.addedRanges = [1...1, 3...3, 5...6]
        var seen: [String] = []
        LiteralSearch(["TODO", "print("]).forEachAddedLine(in: file) { number, line in
            seen.append("\(number):\(String(decoding: line, as: UTF8.self))")
        }
        XCTAssertEqual(seen, ["1:TODO a", "3:c print( TODO", "5:print(", "6:e TODO"], "line 4 is not added; the last line has no newline")
        XCTAssertTrue(Array("x\npromptmcp:allow".utf8).containsBytes(Array("promptmcp:allow".utf8)))
        XCTAssertFalse(Array("promptmcp:allo".utf8).containsBytes(Array("promptmcp:allow".utf8)))
    }

    func testGlobListsDecideAsTheirGlobsDo() throws {
        let patterns = ["*.pem", "id_rsa*", ".env", ".env.*", "*.{png,jpg}", "docs/**", "/LICENSE", "vendor/", "*", "a?c",
                        "[ab].txt", "**/templates/**", "tsconfig*.json", "*.tfstate.*", "credentials.json", "é*", "*.md"]
        let paths = ["key.pem", ".pem", "a/b/key.pem", "key.pem.txt", "id_rsa", "id_rsa.pub", "x/id_rsa_old", ".env",
                     "app/.env", ".env.local", ".envrc", "logo.png", "docs/a.md", "LICENSE", "sub/LICENSE", "vendor/x.c",
                     "abc", "a.txt", "chart/templates/svc.yaml", "tsconfig.base.json", "x.tfstate.backup", "é.txt",
                     "notes.md/inner.swift", "README.MD"]
        for pattern in patterns {
            let glob = try Glob(pattern)
            let list = GlobList([glob])
            for path in paths {
                XCTAssertEqual(list.matches(path), glob.matches(path), "\(pattern) on \(path)")
            }
        }
    }

    func testDefaultsThatAreListsOrMapsAreReadWhole() throws {
        let configuration = RuleConfiguration(DebugLeftoverRule.description, policy: .defaults)
        XCTAssertEqual(configuration.stringLists("patterns")["py"], ["breakpoint()", "pdb.set_trace()", "ipdb.set_trace()"])
        let allow = RuleConfiguration(BinaryFilesRule.description, policy: .defaults).globs("allow")
        XCTAssertTrue(allow.contains { $0.matches("Assets/Photo.JPG") }, "a glob with braces and commas survives")
        XCTAssertEqual(RuleConfiguration(TodoWithoutReferenceRule.description, policy: .defaults).string("reference"),
                       #"#\d+|[A-Z][A-Z0-9]+-\d+|https?://"#, "quotes are YAML's, not the value's")
    }
}
