/// The policy's `content_rules`: each pattern is searched in every added line of the files its
/// globs select, and a match is reported as `content/<id>` with the rule's message and hint.
public struct ContentRulesRule: FileRule {
    public static let description = RuleDescription(
        id: "content/*",
        summary: "The policy's own content rules (content_rules), each a pattern over added lines.",
        defaultSeverity: .error,
        policyKey: "content_rules"
    )

    private let rules: [(rule: ContentRule, regex: PolicyRegex)]

    public init(_ configuration: RuleConfiguration) throws {
        rules = try configuration.policy.contentRules.map { ($0, try PolicyRegex.compile($0.pattern, key: "content_rules.pattern")) }
    }

    public func check(_ file: FileChange, _ context: FileContext) -> [Finding] {
        let selected = rules.filter { $0.rule.applies(to: file.path) }
        guard !selected.isEmpty, !file.isBinary else { return [] }
        var findings: [Finding] = []
        for span in context.addedSpans {
            let text = String(decoding: file.content[span.start..<span.end], as: UTF8.self)
            for (offset, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let line = String(line)
                for (rule, regex) in selected {
                    guard let found = regex.firstMatch(in: line) else { continue }
                    let id = "content/" + rule.id.value
                    var ruleContext = context
                    ruleContext.ruleID = id
                    ruleContext.severity = context.settings.severity(forRule: id, areaKey: "content/*") ?? rule.severity
                    guard ruleContext.severity != .off else { continue }
                    let column = line.utf8.distance(from: line.startIndex, to: found.whole.lowerBound) + 1
                    findings.append(ruleContext.finding(file, line: span.firstLine + offset, column: column, rule.message,
                                                        hint: rule.hint, fingerprintText: String(line[found.whole])))
                }
            }
        }
        return findings
    }
}
