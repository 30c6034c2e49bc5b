/// For machines. The schema is documented in docs/json-report.md; fields are only ever added.
public struct JSONReporter: Reporter {
    public init() {}

    public func render(_ report: Report) -> String {
        JSONText.render([
            "version": 1,
            "target": .string(report.target),
            "policy": .string(report.policySource),
            "passed": .bool(report.passed),
            "findings": .array(report.findings.map(Self.object)),
            "notes": JSONValue(report.notes),
            "gates": .array(report.gates.map(GateRendering.object)),
            "summary": [
                "errors": .int(report.errorCount),
                "warnings": .int(report.warningCount),
                "files": .int(report.fileCount),
                "added_lines": .int(report.addedLineCount),
                "deleted_lines": .int(report.deletedLineCount),
                "suppressed": .int(report.suppressedCount),
                "baselined": .int(report.baselinedCount),
                "duration_ms": Self.milliseconds(report.durationMilliseconds),
                "stages": .array(report.stages.map { ["name": .string($0.name), "duration_ms": Self.milliseconds($0.milliseconds)] }),
            ],
        ])
    }

    static func object(_ finding: Finding) -> JSONValue {
        [
            "rule": .string(finding.rule),
            "severity": .string(finding.severity.rawValue),
            "file": JSONValue(finding.file),
            "line": JSONValue(finding.line),
            "column": JSONValue(finding.column),
            "message": .string(finding.message),
            "hint": JSONValue(finding.hint),
            "fingerprint": .string(finding.fingerprint),
            "commit": JSONValue(finding.commit),
        ]
    }

    /// Milliseconds to two decimals: finer is noise.
    private static func milliseconds(_ value: Double) -> JSONValue {
        .double((value * 100).rounded() / 100)
    }
}
