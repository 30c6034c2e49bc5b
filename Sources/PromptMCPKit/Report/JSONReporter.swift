/// For machines. The schema is documented in docs/json-report.md; fields are only ever added.
public struct JSONReporter: Reporter {
    public init() {}

    public func render(_ report: Report) -> String {
        JSONText.render(value(report))
    }

    /// The report as a JSON tree; without `timings`, the durations are left out (an MCP answer
    /// has no use for them, and they made it twice as long).
    public func value(_ report: Report, timings: Bool = true) -> JSONValue {
        var summary: [(key: String, value: JSONValue)] = [
            ("errors", .int(report.errorCount)),
            ("warnings", .int(report.warningCount)),
            ("files", .int(report.fileCount)),
            ("added_lines", .int(report.addedLineCount)),
            ("deleted_lines", .int(report.deletedLineCount)),
            ("suppressed", .int(report.suppressedCount)),
            ("baselined", .int(report.baselinedCount)),
        ]
        if timings {
            summary.append(("duration_ms", Self.milliseconds(report.durationMilliseconds)))
            summary.append(("stages", .array(report.stages.map { ["name": .string($0.name), "duration_ms": Self.milliseconds($0.milliseconds)] })))
        }
        return [
            "version": 1,
            "target": .string(report.target),
            "policy": .string(report.policySource),
            "passed": .bool(report.passed),
            "findings": .array(report.findings.map(Self.object)),
            "notes": JSONValue(report.notes),
            "gates": .array(report.gates.map(GateRendering.object)),
            "summary": .object(summary),
        ]
    }

    /// Keys in the order they are written (sorted), so that thousands of findings need no sort.
    static func object(_ finding: Finding) -> JSONValue {
        [
            "column": JSONValue(finding.column),
            "commit": JSONValue(finding.commit),
            "file": JSONValue(finding.file),
            "fingerprint": .string(finding.fingerprint),
            "hint": JSONValue(finding.hint),
            "line": JSONValue(finding.line),
            "message": .string(finding.message),
            "rule": .string(finding.rule),
            "severity": .string(finding.severity.rawValue),
        ]
    }

    /// Milliseconds to two decimals: finer is noise.
    private static func milliseconds(_ value: Double) -> JSONValue {
        .double((value * 100).rounded() / 100)
    }
}
