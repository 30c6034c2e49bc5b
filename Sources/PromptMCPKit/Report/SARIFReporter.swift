import Foundation

/// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers (docs/report-formats.md).
///
/// Every known rule is described in `tool.driver.rules`, whether or not it found anything, so a
/// viewer can explain a rule from the log alone. Paths are relative to `%SRCROOT%`, the work tree.
/// GitHub code scanning rejects a result without a location ("expected at least one location"),
/// so a finding about the whole change (no file) is located on the policy file, where the limit
/// it broke is set, as a whole-file location; the file need not exist for the upload to succeed.
public struct SARIFReporter: Reporter {
    public static let schema = "https://json.schemastore.org/sarif-2.1.0.json"
    /// The `partialFingerprints` key: bump its version if `Finding.fingerprint` ever changes.
    public static let fingerprintKey = "promptmcpFingerprint/v1"
    public static let sourceRootID = "%SRCROOT%"
    /// Where findings about the whole change are located.
    public static let changeLocation = PolicyLoader.path

    public var toolVersion: String
    public var sourceRoot: String?
    public var rules: [RuleDescription]

    public init(toolVersion: String, sourceRoot: String? = nil,
                rules: [RuleDescription] = RuleRegistry.descriptions) {
        self.toolVersion = toolVersion
        self.sourceRoot = sourceRoot
        self.rules = rules
    }

    public func render(_ report: Report) -> String {
        var rules = self.rules
        var ruleIndex: [String: Int] = [:]
        for (index, rule) in rules.enumerated() where ruleIndex[rule.id] == nil { ruleIndex[rule.id] = index }
        // A finding from a rule outside the list still gets a descriptor, so every ruleIndex resolves.
        for finding in report.findings where ruleIndex[finding.rule] == nil {
            ruleIndex[finding.rule] = rules.count
            rules.append(RuleDescription(id: finding.rule, summary: "Reported by promptmcp as \(finding.rule).",
                                         defaultSeverity: finding.severity, policyKey: ""))
        }
        var driver: [String: JSONValue] = ["name": "promptmcp", "rules": .array(rules.map(descriptor))]
        if !toolVersion.isEmpty { driver["version"] = .string(toolVersion) }

        var invocation: [String: JSONValue] = ["executionSuccessful": true]
        if !report.notes.isEmpty {
            invocation["toolExecutionNotifications"] = .array(report.notes.map { note in
                ["level": "note", "message": ["text": .string(note)]]
            })
        }
        var root: [String: JSONValue] = ["description": ["text": "The root of the git work tree."]]
        if let sourceRoot { root["uri"] = .string(Self.fileURI(sourceRoot)) }

        let run: JSONValue = [
            "tool": ["driver": JSONValue(driver)],
            "invocations": [JSONValue(invocation)],
            "originalUriBaseIds": [Self.sourceRootID: JSONValue(root)],
            "results": .array(report.findings.map { result($0, ruleIndex: ruleIndex[$0.rule]!) }),
            "properties": ["target": .string(report.target), "policy": .string(report.policySource)],
        ]
        return JSONText.render(["$schema": .string(Self.schema), "version": "2.1.0", "runs": [run]])
    }

    private func descriptor(_ rule: RuleDescription) -> JSONValue {
        var configuration: [String: JSONValue] = ["level": .string(Self.level(rule.defaultSeverity))]
        if rule.defaultSeverity == .off { configuration["enabled"] = false }
        var full = rule.summary
        if !rule.policyKey.isEmpty { full += " Configured by `\(rule.policyKey)` in \(PolicyLoader.path)." }
        var markdown = full
        if !rule.options.isEmpty {
            markdown += "\n\nOptions:\n" + rule.options.map { "- `\($0.name)` (default `\($0.defaultValue)`): \($0.summary)" }.joined(separator: "\n")
        }
        return [
            "id": .string(rule.id),
            "name": .string(Self.pascalCase(rule.name.isEmpty ? rule.id : rule.name)),
            "shortDescription": ["text": .string(Self.firstSentence(rule.summary))],
            "fullDescription": ["text": .string(full)],
            "help": ["text": .string(markdown), "markdown": .string(markdown)],
            "defaultConfiguration": JSONValue(configuration),
            "properties": ["tags": ["promptmcp", .string(rule.area)]],
        ]
    }

    private func result(_ finding: Finding, ruleIndex: Int) -> JSONValue {
        var text = finding.message
        if let hint = finding.hint { text += "\nhint: \(hint)" }
        var physical: [String: JSONValue] = [
            "artifactLocation": [
                "uri": .string(Self.relativeURI(finding.file ?? Self.changeLocation)), "uriBaseId": .string(Self.sourceRootID),
            ],
        ]
        if let line = finding.line {
            var region: [String: JSONValue] = ["startLine": .int(line)]
            if let column = finding.column { region["startColumn"] = .int(column) }
            physical["region"] = JSONValue(region)
        }
        var location: [String: JSONValue] = ["physicalLocation": JSONValue(physical)]
        if finding.file == nil { location["message"] = ["text": "the change as a whole; the limit is set in the policy"] }
        return [
            "ruleId": .string(finding.rule),
            "ruleIndex": .int(ruleIndex),
            "level": .string(Self.level(finding.severity)),
            "message": ["text": .string(text)],
            "locations": [JSONValue(location)],
            "partialFingerprints": [Self.fingerprintKey: .string(finding.fingerprint)],
        ]
    }

    static func level(_ severity: Severity) -> String {
        switch severity {
        case .error: return "error"
        case .warning: return "warning"
        case .off: return "none"
        }
    }

    /// A repository path as a relative URI reference: everything but unreserved characters, `/`
    /// and a few harmless delimiters is percent-encoded as UTF-8, `:` included (in a first
    /// segment it would read as a scheme) and `%`, `#`, `?` and spaces.
    static func relativeURI(_ path: String) -> String {
        path.addingPercentEncoding(withAllowedCharacters: uriPathCharacters) ?? path
    }

    static func fileURI(_ absolutePath: String) -> String {
        let folder = absolutePath.hasSuffix("/") ? absolutePath : absolutePath + "/"
        return "file://" + relativeURI(folder)
    }

    private static let uriPathCharacters = CharacterSet(charactersIn:
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~/!$&'()*+,;=@")

    /// `max-lines-per-file` -> `MaxLinesPerFile`: SARIF's `name` is meant to read as an identifier.
    static func pascalCase(_ name: String) -> String {
        name.split { !$0.isLetter && !$0.isNumber }.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    /// The summary up to its first full stop before a capital (so "e.g. x" does not end it),
    /// which code scanning shows as the alert's title.
    static func firstSentence(_ summary: String) -> String {
        var searchFrom = summary.startIndex
        while let stop = summary.range(of: ". ", range: searchFrom..<summary.endIndex) {
            if summary[stop.upperBound...].first?.isUppercase == true {
                return String(summary[..<stop.lowerBound]) + "."
            }
            searchFrom = stop.upperBound
        }
        return summary
    }
}
