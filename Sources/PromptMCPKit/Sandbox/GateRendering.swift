import Foundation

/// How gate results appear in the text and JSON reports (the reporters call these, so that
/// the reporter files only gain a line each).
enum GateRendering {
    /// Lines shown under a failed gate: the end of its output, where test runners summarise.
    static let outputTailLines = 20

    /// A "test gates:" block for the text report, empty when the policy has none.
    static func text(_ gates: [GateResult], colour: Bool) -> [String] {
        guard !gates.isEmpty else { return [] }
        var lines = ["test gates:"]
        for gate in gates {
            let resources = gate.sandbox.map { " (\($0.usage.summary))" } ?? ""
            lines.append("  \(gate.name): \(label(gate.status, colour: colour)): \(gate.summary)\(resources)")
            guard gate.status == .failed || gate.status == .error else { continue }
            lines += gate.notes.map { "    note: \($0)" }
            if let output = gate.sandbox?.output, output.totalBytes > 0 {
                lines.append("    output (last \(outputTailLines) lines of \(Words.bytes(output.totalBytes))):")
                lines += output.lastLines(outputTailLines).map { "    | \($0)" }
            }
        }
        return lines + [""]
    }

    private static func label(_ status: GateResult.Status, colour: Bool) -> String {
        let code: String
        switch status {
        case .passed: code = "32"
        case .failed, .error: code = "31"
        case .skipped: code = "2"
        }
        return colour ? "\u{1B}[\(code)m\(status.rawValue)\u{1B}[0m" : status.rawValue
    }

    /// One gate for the JSON report (docs/json-report.md): `null` for what did not happen.
    static func object(_ gate: GateResult) -> JSONValue {
        var object: [String: JSONValue] = [
            "name": .string(gate.name), "rule": .string(gate.ruleID), "status": .string(gate.status.rawValue),
            "summary": .string(gate.summary), "severity": .string(gate.severity.rawValue), "notes": JSONValue(gate.notes),
            "prepare_ms": .double(rounded(gate.prepareMilliseconds)),
            "exit_status": nil, "signal": nil, "stopped": nil, "usage": nil, "output": nil,
        ]
        guard let run = gate.sandbox else { return JSONValue(object) }
        switch run.termination {
        case .exited(let status): object["exit_status"] = .int(Int(status))
        case .signalled(let signal): object["signal"] = .string(SandboxResult.signalName(signal))
        }
        object["stopped"] = JSONValue(run.stop?.rawValue)
        object["usage"] = [
            "wall_s": .double(rounded(run.usage.wallSeconds, places: 3)),
            "user_s": .double(rounded(run.usage.userSeconds, places: 3)),
            "system_s": .double(rounded(run.usage.systemSeconds, places: 3)),
            "peak_rss_bytes": .int(run.usage.peakRSSBytes),
        ]
        object["output"] = [
            "text": .string(run.output.text), "total_bytes": .int(run.output.totalBytes),
            "kept_bytes": .int(run.output.keptBytes), "truncated": .bool(run.output.truncated),
            "held_open": .bool(run.outputHeldOpen),
        ]
        return JSONValue(object)
    }

    private static func rounded(_ value: Double, places: Int = 2) -> Double {
        let scale = pow(10, Double(places))
        return (value * scale).rounded() / scale
    }
}
