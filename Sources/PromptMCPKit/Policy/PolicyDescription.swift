/// Text for `promptmcp config show` and `promptmcp explain`: the effective policy, each value
/// with the place it was set.
public enum PolicyDescription {
    /// The effective policy as YAML that `promptmcp config validate` accepts, origins as comments.
    public static func effective(_ resolved: ResolvedPolicy) -> String {
        let policy = resolved.policy
        let caps = policy.caps
        var lines = [
            "# effective policy: \(resolved.source), over the built-in defaults",
            "version: 1",
            "caps:",
            entry("  max_lines_per_file", caps.maxLinesPerFile),
            entry("  max_files", caps.maxFiles),
            entry("  max_total_lines", caps.maxTotalLines),
            entry("  count", caps.count.map(\.rawValue)),
            entry("  severity", caps.severity.map(\.rawValue)),
            "protected:",
            entry("  severity", policy.protected.severity.map(\.rawValue)),
            "  paths:" + (policy.protected.globs.isEmpty ? " []" : ""),
        ]
        lines += policy.protected.globs.map { entry("    - " + quoted($0.value.pattern), $0, bare: true) }
        lines.append("paths:" + (policy.paths.isEmpty ? " []" : ""))
        for override in policy.paths {
            let globs = override.globs.map { quoted($0.pattern) }.joined(separator: ", ")
            lines.append("  - match: [\(globs)]" + comment(override.location.map { Located((), at: $0) } ?? Located(())))
            if let value = override.exclude { lines.append(entry("    exclude", value)) }
            if let value = override.protected { lines.append(entry("    protected", value)) }
            if let value = override.generated { lines.append(entry("    generated", value)) }
            let capKeys = [
                override.maxLinesPerFile.map { entry("      max_lines_per_file", $0) },
                override.count.map { entry("      count", $0.map(\.rawValue)) },
                override.capsSeverity.map { entry("      severity", $0.map(\.rawValue)) },
            ].compactMap { $0 }
            if !capKeys.isEmpty { lines += ["    caps:"] + capKeys }
            if !override.rules.isEmpty {
                lines += ["    rules:"] + override.rules.sorted { $0.key < $1.key }.map { entry("      " + quoted($0.key), $0.value.map(\.rawValue)) }
            }
        }
        return (lines + sections(policy)).joined(separator: "\n") + "\n"
    }

    /// What applies to one path, and why.
    public static func explain(_ path: String, _ resolved: ResolvedPolicy) -> String {
        let policy = resolved.policy
        let settings = policy.settings(for: path)
        var lines = ["\(path)  (policy: \(resolved.source))"]
        if settings.excluded.value {
            lines.append(row("excluded", "yes: no rule judges this path", settings.excluded))
            return lines.joined(separator: "\n") + "\n"
        }
        let protectedSeverity = policy.severity(of: ProtectedPathRule.description, at: path)
        let countsTowardCaps = policy.severity(of: MaxFilesRule.description, at: path) != .off
        lines += [
            row("excluded", "no", settings.excluded),
            row("protected", settings.protected.value ? "yes: any change is a finding (\(protectedSeverity.rawValue))" : "no", settings.protected),
            row("caps severity", policy.severity(of: MaxLinesPerFileRule.description, at: path).rawValue, settings.capsSeverity),
            row("max_lines_per_file", limit(settings.maxLinesPerFile.value) + " (\(settings.count.value.rawValue) lines)", settings.maxLinesPerFile),
            row("counts toward", countsTowardCaps ? "max_files and max_total_lines" : "nothing: caps are off here", Located(())),
            row("max_files", limit(policy.caps.maxFiles.value) + " per change", policy.caps.maxFiles),
            row("max_total_lines", limit(policy.caps.maxTotalLines.value) + " per change", policy.caps.maxTotalLines),
        ]
        let matched = settings.matchedOverrides.map { $0.location.map { "\($0.file):\($0.line)" } ?? "built-in" }
        for (id, severity) in settings.ruleSeverities.sorted(by: { $0.key < $1.key }) {
            lines.append(row("rule \(id)", severity.value.rawValue, severity))
        }
        lines.append("  paths: entries matching: " + (matched.isEmpty ? "none" : matched.joined(separator: ", ") + " (last wins)"))
        return lines.joined(separator: "\n") + "\n"
    }

    private static func row<T>(_ key: String, _ value: String, _ located: Located<T>) -> String {
        let label = key + ":" + String(repeating: " ", count: max(1, 20 - key.count))
        let origin = located.location == nil && key == "counts toward" ? "" : "  [\(located.origin)]"
        return "  \(label)\(value)\(origin)"
    }

    private static func limit(_ value: Int) -> String { value == 0 ? "no limit" : String(value) }

    static func entry<T>(_ key: String, _ located: Located<T>, bare: Bool = false) -> String {
        (bare ? key : "\(key): \(located.value)") + comment(located)
    }

    static func comment<T>(_ located: Located<T>) -> String { "   # \(located.origin)" }

    /// Single quotes: YAML reads everything inside literally (a glob's `\` escapes included).
    static func quoted(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "''") + "'" }
}

extension Located {
    func map<U>(_ transform: (Value) -> U) -> Located<U> { Located<U>(transform(value), at: location) }
}

import Foundation
