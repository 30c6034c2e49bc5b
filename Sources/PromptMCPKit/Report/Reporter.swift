/// Renders a report in one output format.
public protocol Reporter {
    func render(_ report: Report) -> String
}

public enum OutputFormat: String, Sendable, CaseIterable {
    case text, json

    public func reporter(colour: Bool) -> any Reporter {
        switch self {
        case .text: return TextReporter(colour: colour)
        case .json: return JSONReporter()
        }
    }
}
