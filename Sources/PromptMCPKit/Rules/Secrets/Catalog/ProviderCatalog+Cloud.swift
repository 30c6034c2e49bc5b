/// Cloud platforms. `ProviderRule` explains the fields. The formats are public facts;
/// the patterns' wording and the examples are this project's own.
extension ProviderCatalog {
    static let cloud: [ProviderRule] = [
        ProviderRule(
            "aws-access-key", "AWS", "AWS access key ID: `(AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}`, `A3T[A-Z0-9][A-Z2-7]{16}`",
            docs: "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html", revoke: "deactivate and delete the key in the IAM console",
            [("AWS access key ID", #"(AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}"#), ("AWS access key ID", #"A3T[A-Z0-9][A-Z2-7]{16}"#)], boundary: "A-Za-z0-9_",
            examples: [
                .triggering("aws_access_key_id = ↓AKIAVQJXXVBOTHD2WTFL\n", path: "config/credentials"),
                .triggering("client = boto3.client(\"s3\", aws_access_key_id=\"↓ASIAHBMUAPTT2ZN5X2PD\")\n", path: "app.py"),
                .passing("aws_access_key_id = AKIAIOSFODNN7EXAMPLE\n", path: "docs/setup.md"),
                .passing("key = \"AKIAVQJXXVBOTHD2WTF\"  # 19 characters: not a key\n", path: "app.py"),
                .passing("name = \"XAKIAVQJXXVBOTHD2WTFL\"\n", path: "app.py"),
            ]),
        ProviderRule(
            "google-api-key", "Google", "Google API key: `AIza[A-Za-z0-9_-]{35}`",
            docs: "https://cloud.google.com/docs/authentication/api-keys", revoke: "Google Cloud console: APIs & Services > Credentials",
            [("Google API key", #"AIza[A-Za-z0-9_-]{35}"#)],
            examples: [
                .triggering("<string name=\"maps_key\">↓AIzatfqY6K1Qjah4dXd3eOa1Zcc-a4CgOFfqRgz</string>\n", path: "res/values/keys.xml"),
                .passing("apiKey: \"AIzaSyabcdefghijklmnopqrstuvwxyz1234567\",\n", path: "docs/firebase.md"),
                .passing("GOOGLE_API_KEY=AIza...\n", path: ".env.example"),
            ]),
    ]
}
