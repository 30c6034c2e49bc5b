/// How much a finding matters. `off` switches a rule off.
public enum Severity: String, Sendable, Codable, CaseIterable, Comparable {
    case off, warning, error

    public static func < (lhs: Severity, rhs: Severity) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
