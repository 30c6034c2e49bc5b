/// Renders a report in one output format.
public protocol Reporter {
    func render(_ report: Report) -> String
}

/// What some formats need beyond the report itself: which tool made it, where the repository is,
/// and which rules ran (JUnit lists the rules that passed as passing test cases).
public struct ReportContext: Sendable {
    public var colour: Bool
    public var toolVersion: String
    /// The work tree's absolute path; SARIF resolves its relative paths against it.
    public var sourceRoot: String?
    /// Ids of the rules that ran, in the order they ran.
    public var rulesRun: [String]

    public init(colour: Bool = false, toolVersion: String = "", sourceRoot: String? = nil, rulesRun: [String] = []) {
        self.colour = colour
        self.toolVersion = toolVersion
        self.sourceRoot = sourceRoot
        self.rulesRun = rulesRun
    }
}

public enum OutputFormat: String, Sendable, CaseIterable {
    case text, json, sarif, junit, github

    public func reporter(_ context: ReportContext) -> any Reporter {
        switch self {
        case .text: return TextReporter(colour: context.colour)
        case .json: return JSONReporter()
        case .sarif:
            return SARIFReporter(toolVersion: context.toolVersion, sourceRoot: context.sourceRoot)
        case .junit: return JUnitReporter(rulesRun: context.rulesRun)
        case .github: return GitHubReporter()
        }
    }

    public func reporter(colour: Bool) -> any Reporter { reporter(ReportContext(colour: colour)) }
}
