/// The rule reference, docs/rules.md, written from the rules' own descriptions: ids, summaries,
/// severities, options with their defaults, and the examples the tests run. A test fails when
/// the committed page differs from `markdown()`, so the page cannot go stale.
public enum RuleDocumentation {
    /// The command that rewrites the committed page.
    public static let regenerate = "promptmcp rules --format markdown > docs/rules.md"

    /// One line per rule: id, default severity, summary; columns aligned.
    public static func list(_ descriptions: [RuleDescription] = RuleRegistry.descriptions) -> String {
        let width = descriptions.map(\.id.count).max() ?? 0
        return descriptions.map { rule in
            rule.id.padding(toLength: width + 2, withPad: " ", startingAt: 0)
                + rule.defaultSeverity.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0)
                + rule.summary
        }.joined(separator: "\n") + "\n"
    }

    public static func markdown(_ descriptions: [RuleDescription] = RuleRegistry.descriptions) -> String {
        var lines = [
            "# Rules",
            "",
            "<!-- Generated from the rules' descriptions by `\(regenerate)`; edit the rules, not this page. -->",
            "",
            "Every rule `promptmcp` knows, with its default severity. Set a rule's severity or options in",
            "`.promptmcp/policy.yml` under the key shown for it (see [policy.md](policy.md)); `off` switches it off.",
            "In the examples, `↓` marks where a finding is reported; trailing spaces are shown as `·`,",
            "trailing tabs as `→` and carriage returns as `␍`.",
            "",
            "| rule | default | summary |",
            "|---|---|---|",
        ]
        lines += descriptions.map { "| [`\($0.id)`](#\(anchor($0.id))) | \($0.defaultSeverity.rawValue) | \(cell(firstSentence($0.summary))) |" }
        for rule in descriptions {
            lines += [""] + section(rule)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func section(_ rule: RuleDescription) -> [String] {
        var lines = [
            "## `\(rule.id)`",
            "",
            rule.summary,
            "",
            "Default severity: `\(rule.defaultSeverity.rawValue)`. Policy key: `\(rule.policyKey)`.",
        ]
        if !rule.options.isEmpty {
            lines += ["", "| option | type | default | meaning |", "|---|---|---|---|"]
            lines += rule.options.map { option in
                let shown = option.defaultValue.count > longDefault ? "see below" : "`\(cell(option.defaultValue))`"
                return "| `\(option.name)` | \(cell(option.typeName)) | \(shown) | \(cell(option.summary)) |"
            }
            for option in rule.options where option.defaultValue.count > longDefault {
                lines += ["", "Default `\(option.name)`:", "", "```yaml"] + yaml(option.name, option.parsedDefault) + ["```"]
            }
        }
        for (title, triggers) in [("Reported", true), ("Not reported", false)] {
            let examples = rule.examples.filter { $0.triggers == triggers }
            guard !examples.isEmpty else { continue }
            lines += ["", "\(title):"]
            for example in examples { lines += [""] + self.example(example) }
        }
        return lines
    }

    /// Defaults longer than this are shown as YAML under the options table.
    private static let longDefault = 60

    /// An option's value as block YAML, keys sorted (a map's order is not kept), lists inline.
    private static func yaml(_ name: String, _ value: OptionValue) -> [String] {
        switch value {
        case .map(let map): return ["\(name):"] + map.keys.sorted().map { "  \($0): \(map[$0]!.flowYAML)" }
        case .list(let items): return ["\(name):"] + items.map { "  - \($0.flowYAML)" }
        case .scalar: return ["\(name): \(value.flowYAML)"]
        }
    }

    private static func example(_ example: RuleExample) -> [String] {
        var lines: [String] = []
        if let policy = example.policy {
            lines += ["With this policy:", "", "```yaml"] + policy.split(separator: "\n").map(String.init) + ["```", ""]
        }
        if let bytes = example.bytes {
            let shown = bytes.prefix(24).map { byte -> String in
                let hex = String(byte, radix: 16, uppercase: true)
                return hex.count == 1 ? "0" + hex : hex
            }.joined(separator: " ")
            return lines + ["`\(example.path)`, bytes: `\(shown)\(bytes.count > 24 ? " …" : "")`"]
        }
        guard !example.text.isEmpty else { return lines + ["`\(example.path)`: an empty file."] }
        let code = visibleLines(example.text)
        let fence = String(repeating: "`", count: max(3, (code.map { longestRun(of: "`", in: $0) }.max() ?? 0) + 1))
        lines += ["`\(example.path)`:", "", fence] + code + [fence]
        if example.text.unicodeScalars.last != "\n" {
            lines += ["", "(no newline at the end)"]
        }
        return lines
    }

    /// The example's lines, with trailing spaces and tabs and every carriage return made visible:
    /// they are what several rules are about, and a page holding them for real would trip those
    /// rules itself.
    private static func visibleLines(_ text: String) -> [String] {
        var lines = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false)
            .map { String(String.UnicodeScalarView($0)) }
        if text.unicodeScalars.last == "\n" { lines.removeLast() }
        return lines.map { line in
            var body = Substring(line)
            var ending = ""
            if body.unicodeScalars.last == "\r" {
                body = Substring(body.unicodeScalars.dropLast())
                ending = "␍"
            }
            let trailing = body.reversed().prefix { $0 == " " || $0 == "\t" }.count
            let shown = body.dropLast(trailing).replacingOccurrences(of: "\r", with: "␍")
            return shown + body.suffix(trailing).map { $0 == "\t" ? "→" : "·" }.joined() + ending
        }
    }

    private static func longestRun(of character: Character, in text: String) -> Int {
        var longest = 0
        var current = 0
        for each in text {
            current = each == character ? current + 1 : 0
            longest = max(longest, current)
        }
        return longest
    }

    private static func firstSentence(_ text: String) -> String {
        guard let end = text.range(of: ". ") else { return text }
        return String(text[..<end.lowerBound]) + "."
    }

    /// GitHub's heading anchors: lower case, punctuation other than `-` and `_` dropped.
    private static func anchor(_ id: String) -> String {
        String(id.lowercased().filter { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
    }

    private static func cell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }
}

import Foundation
