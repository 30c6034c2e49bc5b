/// The secret detectors, in the order they run and are documented.
enum SecretRules {
    static let all: [any FileRule.Type] = []
}
