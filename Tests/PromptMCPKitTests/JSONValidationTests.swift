import Foundation
import XCTest
@testable import PromptMCPKit

/// The strict JSON check behind quality/json-syntax: what it refuses, where, and that it accepts
/// what Foundation's parser accepts (but for the trailing commas Foundation lets through).
final class JSONValidationTests: XCTestCase {
    private func problem(_ text: String) -> String? {
        let bytes = Array(text.utf8)
        return JSONValidation.firstProblem(in: bytes).map {
            let (line, column) = bytes.position(of: $0.offset)
            return "\(line):\(column) \($0.message)"
        }
    }

    func testValidDocumentsPassAndFoundationAgrees() throws {
        let valid = [
            "{}", "[]", " \n\t{ \"a\" : [ 1 , 2.5 , -3e+2 , 0.0E-1 , true , false , null ] }\r\n", "\"only a string\"", "0", "-0",
            "{\"\\u00e9\\\\\\\"\\/\\b\\f\\n\\r\\t\": \"é 日本\"}", "[[[[[[[[[[]]]]]]]]]]", "\u{FEFF}{\"bom\": 1}",
            "{\"a\": {\"b\": {\"c\": [{}, [], \"x\"]}}}",
        ]
        for text in valid {
            XCTAssertNil(problem(text), text)
            XCTAssertNoThrow(try JSONSerialization.jsonObject(with: Data(text.utf8), options: .fragmentsAllowed), text)
        }
    }

    func testEachProblemIsPlacedAndNamed() {
        XCTAssertEqual(problem("[1, 2,]"), "1:6 trailing comma before ']'")
        XCTAssertEqual(problem("{\n  \"a\": 1,\n}\n"), "2:9 trailing comma before '}'")
        XCTAssertEqual(problem("{\"a\": 1 \"b\": 2}"), "1:9 expected ',' or '}' after a member, found '\"'")
        XCTAssertEqual(problem("[1 2]"), "1:4 expected ',' or ']' after an element, found '2'")
        XCTAssertEqual(problem("{'a': 1}"), "1:2 expected a member name in double quotes, found \"'\" (JSON strings take double quotes)")
        XCTAssertEqual(problem("// note\n{}"), "1:1 expected a value, found '/' (JSON has no comments)")
        XCTAssertEqual(problem("{\"a\" 1}"), "1:6 expected ':' after the member name, found '1'")
        XCTAssertEqual(problem("[01]"), "1:3 a number cannot start with 0 followed by more digits")
        XCTAssertEqual(problem("[1.]"), "1:4 expected a digit after '.', found ']'")
        XCTAssertEqual(problem("[1e]"), "1:4 expected a digit in the exponent, found ']'")
        XCTAssertEqual(problem("[-]"), "1:3 expected a digit, found ']'")
        XCTAssertEqual(problem("[tru]"), "1:2 expected a value, found 't'")
        XCTAssertEqual(problem("[\"a\\x\"]"), "1:4 invalid escape '\\x' in a string")
        XCTAssertEqual(problem("[\"\\u12G4\"]"), "1:7 '\\u' must be followed by four hexadecimal digits")
        XCTAssertEqual(problem("[\"tab\there\"]"), "1:6 control character (byte 0x9) in a string; write it as an escape such as \\n or \\t")
        XCTAssertEqual(problem("{\"a\": \"open\n}"), "1:12 line break inside a string: close the string before it, or write it as \\n")
        XCTAssertEqual(problem("[\"open"), "1:2 string never closed: no '\"' before the end of the file")
        XCTAssertEqual(problem("{\"a\": [1, 2}"), "1:12 expected ',' or ']' after an element, found '}'")
        XCTAssertEqual(problem("{} {}"), "1:4 unexpected '{' after the end of the JSON value")
        XCTAssertEqual(problem(""), "1:1 expected a value, found the end of the file")
        XCTAssertEqual(problem("[1,"), "1:4 expected a value, found the end of the file")
        XCTAssertEqual(problem("{"), "1:2 expected a member name in double quotes, found the end of the file")
    }

    func testDeepNestingNeedsNoRecursion() {
        let depth = 200_000
        XCTAssertNil(problem(String(repeating: "[", count: depth) + String(repeating: "]", count: depth)))
        XCTAssertEqual(problem(String(repeating: "[", count: depth))?.hasSuffix("expected a value, found the end of the file"), true)
    }
}
