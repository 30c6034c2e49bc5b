@testable import PromptMCPKit

/// Every other provider of the catalog: a token drawn at random from each format's compiled
/// segments (so a wrong pattern shows as a miss or a trap flagged), planted in a line of a random
/// file type, and up to three traps per provider: the token one byte short where it is not
/// assigned to a secret-like name (when nothing before the secret names it), a repeated-byte
/// placeholder where it is, and, for a format found by name, a valid value under a name that is
/// not the provider's.
extension SecretCorpus {
    /// The providers the hand-written part of the corpus plants already.
    static let handWritten: Set<String> = [
        "aws-access-key", "github-token", "gitlab-token", "slack-token", "stripe-key", "google-api-key", "npm-token",
        "pypi-token", "openai-key", "anthropic-key", "sendgrid-key", "twilio-key",
    ]

    mutating func generateCatalog() {
        generateCommandLinesAndConnectionStrings()
        for rule in ProviderCatalog.rules where !Self.handWritten.contains(rule.name) {
            let formats = rule.compiled()
            let format = formats[rng.next(formats.count)]
            let words = rule.names.isEmpty ? rule.name.split(separator: "-").map(String.init)
                : rule.names[0].split(separator: "_").map(String.init) + (rule.names[0].contains("_") ? [] : ["api", "key"])
            let (lead, value) = token(format)!
            plantProvider("secrets/" + rule.name, words, value, lead: lead)
            let path = pick(Self.paths)
            // (Not for a format whose context names the secret, `AccountKey=...`: a shorter value
            // there is still a credential under a secret-like name, which the generic rule reports.)
            if let short = token(format, short: true), short.lead.isEmpty {
                let short = short.value
                trap("one byte short", path, neutral(path, short))
            }
            let (fillLead, fill) = token(format, fill: true)!
            trap("repeated placeholder", path, assignment(words, path).replacingOccurrences(of: "{S}", with: fillLead + fill))
            if !rule.names.isEmpty {
                trap("valid shape, unrelated name", path, neutral(path, lead + value))
            }
        }
    }

    /// Passwords in connection strings and on curl command lines, and their look-alikes.
    mutating func generateCommandLinesAndConnectionStrings() {
        for _ in 0..<3 {
            let password = random(Self.alphanumeric, 1) + random(Self.symbols.filter { $0 != ";" }, 11 + rng.next(6))
            let server = pick(["tcp:sql.internal,1433", "db01.corp", "10.0.4.12"])
            plant("secrets/connection-string", pick(["config/settings.json", "app/settings.py"]),
                  "\"Server=\(server);Database=orders;User Id=orders_app;Password={S};\"", password)
            let secret = random(Self.alphanumeric, 1) + random(Self.symbols.filter { !"'\"\\".contains($0) }, 11 + rng.next(6))
            plant("secrets/command-line-credential", pick(["scripts/deploy.sh", "docs/setup.md"]),
                  "curl -fsS -u deploy:{S} https://ci.internal/api/queue", secret)
        }
        trap("placeholder", "config/settings.json", "\"Server=db01;Database=orders;User Id=app;Password={DB_PASSWORD};\"",
             "\"Data Source=app.db;Password=changeme\"")
        trap("variable", "scripts/deploy.sh", "curl -u \"$CI_USER:$CI_PASSWORD\" https://ci.internal/api/queue",
             "curl -u api_key: https://api.example.com/v1/charges")
    }

    /// A line that holds `text` in a string, assigned to a name that is not secret-like.
    private mutating func neutral(_ path: String, _ text: String) -> String {
        switch Language(path) {
        case .python, .ruby, .toml, .terraform: return "build_label = \"\(text)\""
        case .javascript: return "const buildLabel = '\(text)';"
        case .go: return "\tbuildLabel := \"\(text)\""
        case .swift: return "let buildLabel = \"\(text)\""
        case .java: return "String buildLabel = \"\(text)\";"
        case .php: return "$buildLabel = '\(text)';"
        case .yaml: return "build_label: \"\(text)\""
        case .json: return "  \"build_label\": \"\(text)\","
        case .env, .shell, .docker, .properties: return "BUILD_LABEL=\"\(text)\""
        case .markdown: return "The build label reads `\(text)`."
        case .xml: return "<buildLabel>\(text)</buildLabel>"
        }
    }

    /// A random token of `format`: what comes before the secret (`AccountKey=`) and the secret.
    /// `short`: the last run one byte shorter than its minimum (nil when it cannot be);
    /// `fill`: every run one byte repeated.
    mutating func token(_ format: TokenFormat, short: Bool = false, fill: Bool = false) -> (lead: String, value: String)? {
        let segments = format.before + (format.prefixes.isEmpty ? [] : [Segment.oneOf(format.prefixes)]) + format.segments
        let lastRun = segments.lastIndex { if case .run = $0 { return true } else { return false } }
        for _ in 0..<50 {
            var text: [UInt8] = []
            var secretStart = 0
            var random: [UInt8] = []
            for (index, segment) in segments.enumerated() {
                switch segment {
                case .literal(let bytes): text += bytes
                case .oneOf(let options): text += pick(options.filter { !$0.isEmpty }.isEmpty ? options : options.filter { !$0.isEmpty })
                case .secretStart: secretStart = text.count
                case .run(let set, let min, let max):
                    let members = (0...255).map(UInt8.init).filter(set.contains)
                    var count = min + rng.next(Swift.min(max - min, 12) + 1)
                    if short, index == lastRun {
                        guard min > 0 else { return nil }
                        count = min - 1
                    }
                    let bytes = fill ? [UInt8](repeating: members[0], count: count) : (0..<count).map { _ in members[rng.next(members.count)] }
                    text += bytes
                    random += bytes + [0x20]
                }
            }
            let lowered = String(decoding: random, as: UTF8.self).lowercased()
            guard fill || short || !Self.markers.contains(where: lowered.contains) else { continue }
            return (String(decoding: text[..<secretStart], as: UTF8.self), String(decoding: text[secretStart...], as: UTF8.self))
        }
        return nil
    }

    /// Words that make a value read as made up (the filters' markers), kept out of random parts.
    private static let markers = ["example", "sample", "dummy", "fake", "placeholder", "redacted", "xxxx", "test", "mock",
                                  "your", "todo", "pass", "secret", "changeme", "lorem", "****"]
}
