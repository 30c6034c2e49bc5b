import PromptMCPKit
import PromptMCPServer

/// The parsers that read input an attacker can write, one entry point each: a policy file (a
/// pull request can change it), a diff and an MCP message (an agent sends them), a JSON file
/// (any staged file). Each must return, whatever the bytes: no trap, no hang, no unbounded
/// memory. `promptmcp-fuzz` hands them to libFuzzer; the tests replay the inputs it found.
public enum FuzzTarget: String, CaseIterable, Sendable {
    case policy, diff, message, json

    public func run(_ bytes: [UInt8]) {
        switch self {
        case .policy:
            _ = try? PolicyLoader.load(String(decoding: bytes, as: UTF8.self), file: "fuzz.yml")
        case .diff:
            _ = try? UnifiedDiff(String(decoding: bytes, as: UTF8.self))
        case .message:
            let scanned = MessageScanner.scan(bytes, guardStrings: true)
            // The id is echoed into error answers as JSON text: it must be valid JSON.
            if let id = scanned.id, let problem = JSONValidation.firstProblem(in: Array(id.utf8)) {
                fatalError("the scanner found an id that is not JSON: \(id) at byte \(problem)")
            }
        case .json:
            _ = JSONValidation.firstProblem(in: bytes)
        }
    }
}
