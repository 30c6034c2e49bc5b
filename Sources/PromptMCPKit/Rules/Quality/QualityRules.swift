/// The quality gates, in the order they run and are documented.
enum QualityRules {
    static let all: [any FileRule.Type] = []
}
