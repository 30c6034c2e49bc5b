import Foundation
import MCP
import XCTest
@testable import PromptMCPServer

/// The gate's parts without a client: path confinement, schema validation and the transport's
/// protection of `data:`-shaped strings.
final class MCPGateTests: XCTestCase {
    private func confinement(_ repo: GitRepo) -> PathConfinement { PathConfinement(workDirectory: repo.path + "/") }

    private func refusal(_ path: String, in repo: GitRepo, file: StaticString = #filePath, line: UInt = #line) -> String {
        do {
            let resolved = try confinement(repo).resolve(path, argument: "arguments.path")
            XCTFail("\(path) was accepted as \(resolved)", file: file, line: line)
            return ""
        } catch {
            return "\(error)"
        }
    }

    func testPathsAreNormalisedRelativeToTheRoot() throws {
        let repo = try GitRepo()
        let paths = confinement(repo)
        XCTAssertEqual(try paths.resolve("Sources/./App/../App/main.swift", argument: "a"), "Sources/App/main.swift")
        XCTAssertEqual(try paths.resolve("a//b/", argument: "a"), "a/b")
        XCTAssertEqual(try paths.resolve(repo.path + "/docs/x.md", argument: "a"), "docs/x.md", "absolute inside the root")
    }

    func testDotDotThatClimbsOutIsRefused() throws {
        let repo = try GitRepo()
        XCTAssertEqual(refusal("../x", in: repo), "arguments.path: '../x' is refused: it climbs out of the repository with '..'")
        XCTAssertTrue(refusal("a/b/../../../x", in: repo).contains("climbs out"))
        XCTAssertTrue(refusal("/etc/passwd", in: repo).contains("is outside the repository"))
        XCTAssertTrue(refusal(repo.path + "/../x", in: repo).contains("is outside the repository"))
    }

    func testTheGitFolderIsRefusedInAnySpelling() throws {
        let repo = try GitRepo()
        for path in [".git/hooks/pre-commit", "sub/.git/config", ".GIT/config"] {
            XCTAssertTrue(refusal(path, in: repo).contains("inside the git folder"), path)
        }
    }

    func testSymlinksThatLeadOutAreRefusedAndThoseThatStayInAreNot() throws {
        let repo = try GitRepo()
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("outside-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: outside) }
        try repo.write("docs/real.md", "x\n")
        let link = { (name: String, target: String) in
            try FileManager.default.createSymbolicLink(atPath: repo.root.appendingPathComponent(name).path, withDestinationPath: target)
        }
        try link("out", outside.path)
        try link("docs/alias.md", "real.md")
        try link("dangling", "../../nowhere-\(UUID().uuidString)")
        try link("hooks", ".git/hooks")

        XCTAssertTrue(refusal("out/new.txt", in: repo).contains("a symbolic link on its way leads outside the repository"))
        XCTAssertTrue(refusal("out", in: repo).contains("leads outside"))
        XCTAssertTrue(refusal("dangling", in: repo).contains("leads outside"), "a broken link is judged by where it points")
        XCTAssertTrue(refusal("hooks/pre-commit", in: repo).contains("git folder"))
        XCTAssertEqual(try confinement(repo).resolve("docs/alias.md", argument: "a"), "docs/alias.md")
    }

    func testEmptyAndNULPathsAreInvalid() throws {
        let repo = try GitRepo()
        XCTAssertEqual(refusal("", in: repo), "arguments.path: the path is empty")
        XCTAssertTrue(refusal("a\u{0}b", in: repo).contains("NUL"))
        XCTAssertTrue(refusal(".", in: repo).contains("is the repository root"))
    }

    // MARK: - Schema

    private let schema = Schema.object([
        .init("prompt", .string(maxBytes: 10, minLength: 1), ""),
        .init("mode", .choice(["create", "list"]), ""),
        .init("count", .integer(minimum: 1, maximum: 5), ""),
        .init("items", .array(.object([.init("path", .string(maxBytes: 100), ""), .init("content", .nullable(.string(maxBytes: 100)), "")],
                                      required: ["path", "content"]), maxItems: 2), ""),
    ], required: ["prompt"])

    func testValidArgumentsHaveNoProblems() {
        XCTAssertEqual(schema.problems(in: ["prompt": "hi", "mode": "list", "count": 5.0, "items": [["path": "a", "content": nil]]]), [])
        XCTAssertEqual(schema.problems(in: ["prompt": "hi", "mode": nil]), [], "an optional argument sent as null is left out")
    }

    func testEveryProblemIsNamedWithItsPlace() {
        let problems = schema.problems(in: ["promt": "x", "mode": "creat", "count": 9, "items": [["path": 3, "content": "x"], ["content": "y"]]])
        XCTAssertEqual(problems, [
            "arguments: unknown argument 'promt'; did you mean 'prompt'?",
            "arguments: missing required argument 'prompt'",
            "arguments.mode: must be one of 'create', 'list', not 'creat'; did you mean 'create'?",
            "arguments.count: must be from 1 to 5, not 9",
            "arguments.items[0].path: expected a string, got a number",
            "arguments.items[1]: missing required argument 'path'",
        ])
    }

    func testSizesAreBoundedInBytes() {
        XCTAssertEqual(schema.problems(in: ["prompt": "ééééé é"]), ["arguments.prompt: 13 bytes, over the limit of 10"])
        XCTAssertEqual(schema.problems(in: ["prompt": ""]), ["arguments.prompt: must not be empty"])
        XCTAssertEqual(schema.problems(in: ["prompt": "x", "items": .array(Array(repeating: ["path": "a", "content": "b"], count: 3))]),
                       ["arguments.items: 3 items, over the limit of 2"])
    }

    func testThePublishedSchemaIsClosedAndCarriesTheBounds() {
        guard case .object(let json) = schema.json, case .object(let properties)? = json["properties"] else { return XCTFail("not an object") }
        XCTAssertEqual(json["additionalProperties"], false)
        XCTAssertEqual(json["required"], ["prompt"])
        XCTAssertEqual(properties["prompt"], .object(["type": "string", "maxLength": 10, "minLength": 1, "description": ""]))
        guard case .object(let items)? = properties["items"], case .object(let element)? = items["items"],
              case .object(let fields)? = element["properties"], case .object(let content)? = fields["content"] else { return XCTFail("no items") }
        XCTAssertEqual(content["type"], ["string", "null"])
    }

    // MARK: - data: URLs

    func testStringsShapedLikeDataURLsReachToolsAsSent() throws {
        let message = #"{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"t","arguments":{"a":"data:text/plain,hi","b":"\u0064ata:,x","c":"plain","data:k":1}}}"#
        let scanned = MessageScanner.scan(Array(message.utf8), guardStrings: true)
        XCTAssertEqual(scanned.id, "7")
        XCTAssertTrue(scanned.hasMethod)
        let decoded = try JSONDecoder().decode(CallTool.Parameters.self, from: JSONSerialization.data(
            withJSONObject: (JSONSerialization.jsonObject(with: Data(scanned.bytes)) as! [String: Any])["params"]!))
        let arguments = Value.object(decoded.arguments ?? [:]).unescaped.objectValue ?? [:]
        XCTAssertEqual(arguments["a"], "data:text/plain,hi")
        XCTAssertEqual(arguments["b"], "data:,x")
        XCTAssertEqual(arguments["c"], "plain")
        XCTAssertEqual(arguments["data:k"], 1)
    }

    func testTheMarkerItselfIsEscapedSoTheMappingIsReversible() throws {
        let original = "\u{E000}already marked"
        let message = Array(#"{"id":"x","result":{"s":"\#(original)"}}"#.utf8)
        let scanned = MessageScanner.scan(message, guardStrings: true)
        XCTAssertEqual(scanned.id, #""x""#)
        XCTAssertTrue(scanned.hasResultOrError)
        let object = try JSONSerialization.jsonObject(with: Data(scanned.bytes)) as? [String: Any]
        let result = object?["result"] as? [String: String]
        XCTAssertEqual(result.map { DataURLGuard.unescape($0["s"] ?? "") }, original)
    }
}
