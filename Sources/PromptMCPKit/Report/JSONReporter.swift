import Foundation

/// For machines. The schema is documented in docs/json-report.md; fields are only ever added.
public struct JSONReporter: Reporter {
    public init() {}

    public func render(_ report: Report) -> String {
        let object: [String: Any] = [
            "version": 1,
            "target": report.target,
            "policy": report.policySource,
            "passed": report.passed,
            "findings": report.findings.map(Self.object),
            "notes": report.notes,
            "gates": report.gates.map(GateRendering.object),
            "summary": [
                "errors": report.errorCount,
                "warnings": report.warningCount,
                "files": report.fileCount,
                "added_lines": report.addedLineCount,
                "deleted_lines": report.deletedLineCount,
                "suppressed": report.suppressedCount,
                "baselined": report.baselinedCount,
                "duration_ms": (report.durationMilliseconds * 100).rounded() / 100,
                "stages": report.stages.map { ["name": $0.name, "duration_ms": ($0.milliseconds * 100).rounded() / 100] },
            ] as [String: Any],
        ]
        return JSONText.render(object)
    }

    static func object(_ finding: Finding) -> [String: Any] {
        [
            "rule": finding.rule,
            "severity": finding.severity.rawValue,
            "file": finding.file ?? NSNull(),
            "line": finding.line ?? NSNull(),
            "column": finding.column ?? NSNull(),
            "message": finding.message,
            "hint": finding.hint ?? NSNull(),
            "fingerprint": finding.fingerprint,
            "commit": finding.commit ?? NSNull(),
        ]
    }
}
