/// AWS access key IDs: the half of an AWS credential that names the key. The secret access key
/// that goes with it has no prefix; `secrets/generic-secret` finds it by its name.
public struct AWSAccessKeyRule: FileRule {
    public static let description = RuleDescription(
        id: "secrets/aws-access-key",
        summary: "An AWS access key ID (AKIA..., ASIA... for temporary keys): 20 characters, a 4-letter prefix then 16 of A-Z and 2-7.",
        defaultSeverity: .error,
        policyKey: "secrets.rules.aws-access-key",
        examples: [
            .triggering("aws_access_key_id = ↓AKIAVQJXXVBOTHD2WTFL\n", path: "config/credentials"),
            .triggering("client = boto3.client(\"s3\", aws_access_key_id=\"↓ASIAHBMUAPTT2ZN5X2PD\")\n", path: "app.py"),
            .passing("aws_access_key_id = AKIAIOSFODNN7EXAMPLE\n", path: "docs/setup.md"),
            .passing("key = \"AKIAVQJXXVBOTHD2WTF\"  # 19 characters: not a key\n", path: "app.py"),
            .passing("name = \"XAKIAVQJXXVBOTHD2WTFL\"\n", path: "app.py"),
        ]
    )

    /// gitleaks' `aws-access-token`: `\b((?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})\b`.
    static let formats = [
        TokenFormat("AWS access key ID", prefixes: ["AKIA", "ASIA", "ABIA", "ACCA"], [.run(.base32Upper, 16)], boundary: .word),
        TokenFormat("AWS access key ID", prefixes: ["A3T"], [.run(.upperAlphanumeric, 1), .run(.base32Upper, 16)], boundary: .word),
    ]

    private let detector: SecretDetector

    public init(_ configuration: RuleConfiguration) {
        detector = SecretDetector(Self.formats, configuration, revoke: "deactivate and delete the key in the IAM console")
    }

    public func check(_ file: FileChange, _ context: FileContext) -> [Finding] {
        detector.check(file, context)
    }
}
