/// GitHub Actions workflow commands: each finding becomes an annotation on the file and line
/// (`::error file=PATH,line=N,col=M,title=RULE::message`), each note about the run a `::notice`
/// (lessons learned are about the clone, not the run, and stay out), and the text
/// report's verdict ends the log. Errors come first because GitHub shows only the first few
/// annotations of each kind per step (docs/report-formats.md).
///
/// Values are escaped as the Actions toolkit does, so a hostile path or message stays one
/// annotation and cannot inject a workflow command of its own.
public struct GitHubReporter: Reporter {
    public init() {}

    public func render(_ report: Report) -> String {
        let findings = report.findings.sorted {
            if $0.severity != $1.severity { return $0.severity > $1.severity }
            if ($0.file ?? "") != ($1.file ?? "") { return ($0.file ?? "") < ($1.file ?? "") }
            return ($0.line ?? 0, $0.column ?? 0) < ($1.line ?? 0, $1.column ?? 0)
        }
        var lines = report.runNotes.map { "::notice title=promptmcp::\(Self.data($0))" }
        lines += findings.map(Self.annotation)
        lines.append(TextReporter(colour: false).verdict(report))
        return lines.joined(separator: "\n") + "\n"
    }

    static func annotation(_ finding: Finding) -> String {
        var properties: [String] = []
        if let file = finding.file {
            properties.append("file=\(property(file))")
            if let line = finding.line {
                properties.append("line=\(line)")
                if let column = finding.column { properties.append("col=\(column)") }
            }
        }
        properties.append("title=\(property(finding.rule))")
        var message = finding.message
        if let hint = finding.hint { message += "\nhint: \(hint)" }
        let command = finding.severity == .error ? "error" : "warning"
        return "::\(command) \(properties.joined(separator: ","))::\(data(message))"
    }

    /// A command's message: `%`, carriage return and newline are percent-encoded.
    static func data(_ value: String) -> String { escape(value, alsoSeparators: false) }

    /// A property value: as a message, and `:` and `,`, which separate properties, too.
    static func property(_ value: String) -> String { escape(value, alsoSeparators: true) }

    /// Works on scalars: a `String` sees "\r\n" as one character, which would hide both.
    private static func escape(_ value: String, alsoSeparators: Bool) -> String {
        var out = ""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "%": out += "%25"
            case "\r": out += "%0D"
            case "\n": out += "%0A"
            case ":" where alsoSeparators: out += "%3A"
            case "," where alsoSeparators: out += "%2C"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
