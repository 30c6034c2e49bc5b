import XCTest
@testable import promptmcp

/// The hooks' command lines skip ArgumentParser; these pin each shape it accepts (a target, a
/// format, both in either order, a repeated format) to what the full parser reads.
final class HookCommandLineTests: XCTestCase {
    func testHookCommandLinesReadAsTheFullParserReadsThem() throws {
        let commandLines: [[String]] = [
            [], ["check"], ["check", "--pre-push"], ["check", "--commit-msg", ".git/COMMIT_EDITMSG"],
            ["check", "--format", "json"], ["--format", "sarif"], ["check", "--commit-msg", "msg", "--format", "github"],
            ["check", "--format", "junit", "--pre-push"], ["check", "--pre-push", "--format", "text"],
            ["check", "--format", "json", "--commit-msg", "msg"], ["check", "--format", "json", "--format", "sarif"],
        ]
        for arguments in commandLines {
            let fast = try XCTUnwrap(HookCommandLine.checkRun(arguments), "\(arguments)")
            let full = try Check.parse(arguments.first == "check" ? Array(arguments.dropFirst()) : arguments)
            XCTAssertEqual(fast, CheckRun(target: full.target, destination: full.report.destination), "\(arguments)")
        }
    }

    func testEverythingElseIsLeftToTheFullParser() {
        let commandLines: [[String]] = [
            ["check", "--help"], ["--version"], ["scan"], ["check", "--output", "r.json"], ["check", "--format=json"],
            ["check", "--format", "yaml"], ["check", "--commit-msg"], ["check", "--commit-msg", "--pre-push"],
            ["check", "--pre-push", "--commit-msg", "m"], ["check", "--from", "main"], ["check", "extra"],
        ]
        for arguments in commandLines {
            XCTAssertNil(HookCommandLine.checkRun(arguments), "\(arguments)")
        }
    }
}
