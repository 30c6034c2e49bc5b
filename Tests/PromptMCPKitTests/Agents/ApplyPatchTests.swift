import XCTest
@testable import PromptMCPKit

/// Codex's apply_patch envelopes, read and applied as Codex applies them.
final class ApplyPatchTests: XCTestCase {
    func testAddUpdateMoveAndDeleteAreRead() throws {
        let patch = try ApplyPatch("""
            *** Begin Patch
            *** Add File: docs/new.md
            +# New
            +text
            *** Update File: src/app.py
            *** Move to: src/main.py
            @@ def greet():
            -    print("Hi")
            +    print("Hello")
            *** Delete File: old.txt
            *** End Patch
            """)
        XCTAssertEqual(patch.operations, [
            .add(path: "docs/new.md", content: "# New\ntext\n"),
            .update(path: "src/app.py", moveTo: "src/main.py", chunks: [.init(anchor: "def greet():", old: ["    print(\"Hi\")"], new: ["    print(\"Hello\")"])]),
            .delete(path: "old.txt"),
        ])
    }

    func testChunksApplyAfterTheirAnchorAndInOrder() throws {
        let text = "def a():\n    x = 1\ndef b():\n    x = 1\n"
        let chunks = [ApplyPatch.Chunk(anchor: "def b():", old: ["    x = 1"], new: ["    x = 2", "    y = 3"])]
        XCTAssertEqual(try ApplyPatch.apply(chunks, to: text, path: "f.py"), "def a():\n    x = 1\ndef b():\n    x = 2\n    y = 3\n")
    }

    func testAChunkThatDoesNotMatchIsAnErrorNamingTheFile() {
        let chunks = [ApplyPatch.Chunk(anchor: nil, old: ["missing"], new: ["x"])]
        XCTAssertThrowsError(try ApplyPatch.apply(chunks, to: "a\n", path: "f.txt")) { error in
            XCTAssertEqual("\(error)", "f.txt: chunk 1 of the patch does not match the file (its '-' and ' ' lines are not there)")
        }
    }

    func testAPatchWithoutItsMarkersIsRefusedAndOneInAShellCommandIsFound() {
        XCTAssertThrowsError(try ApplyPatch("*** Add File: x\n+y\n"))
        let command = "apply_patch <<'EOF'\n*** Begin Patch\n*** Delete File: x\n*** End Patch\nEOF\n"
        XCTAssertEqual(ApplyPatch.envelope(in: command), "*** Begin Patch\n*** Delete File: x\n*** End Patch")
        XCTAssertNil(ApplyPatch.envelope(in: "echo '*** Begin Patch'"))
    }
}
