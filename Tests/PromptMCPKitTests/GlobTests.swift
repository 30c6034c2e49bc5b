import XCTest
@testable import PromptMCPKit

final class GlobTests: XCTestCase {
    private func assertMatches(_ pattern: String, _ yes: [String], _ no: [String], line: UInt = #line) throws {
        let glob = try Glob(pattern)
        for path in yes { XCTAssertTrue(glob.matches(path), "\(pattern) should match \(path)", line: line) }
        for path in no { XCTAssertFalse(glob.matches(path), "\(pattern) should not match \(path)", line: line) }
    }

    func testNameWithoutSlashMatchesAtAnyDepth() throws {
        try assertMatches("*.pem", ["key.pem", "a/b/key.pem"], ["key.pem.txt", "pem"])
        try assertMatches(".env", [".env", "app/.env"], [".env.example", "env"])
    }

    func testPatternWithSlashIsAnchoredAtTheRoot() throws {
        try assertMatches("docs/**", ["docs/a.md", "docs/x/y.md"], ["src/docs/a.md", "docsy/a.md"])
        try assertMatches("/LICENSE", ["LICENSE"], ["sub/LICENSE"])
        try assertMatches("Sources/*/Crypto/**", ["Sources/App/Crypto/AES.swift"], ["Sources/Crypto/AES.swift"])
    }

    func testDoubleStarSpansZeroOrMoreFolders() throws {
        try assertMatches("**/*.generated.swift", ["A.generated.swift", "x/y/A.generated.swift"], ["A.swift"])
        try assertMatches("a/**/b", ["a/b", "a/x/b", "a/x/y/b"], ["b", "x/a/b"])
    }

    func testAFolderPatternMatchesEverythingInside() throws {
        try assertMatches("vendor", ["vendor/lib/x.c", "third/vendor/y.c"], ["vendors/x.c"])
        try assertMatches("build/", ["build/out.o"], ["builder/out.o"])
    }

    func testBracesAndClasses() throws {
        try assertMatches("*.{yml,yaml}", ["a.yml", "b/c.yaml"], ["a.json"])
        try assertMatches("id_rsa*", ["id_rsa", "keys/id_rsa.pub"], ["my_id_rsa"])
        try assertMatches("file[0-9].txt", ["file1.txt"], ["filex.txt"])
    }

    func testMalformedPatternsAreRejected() {
        XCTAssertThrowsError(try Glob("src/[abc")) { XCTAssertEqual($0 as? Glob.Problem, .unclosed("[")) }
        XCTAssertThrowsError(try Glob("*.{a,b")) { XCTAssertEqual($0 as? Glob.Problem, .unclosed("{")) }
        XCTAssertThrowsError(try Glob("")) { XCTAssertEqual($0 as? Glob.Problem, .empty) }
    }
}
