import Foundation

/// JWTs, private keys, connection URLs, generic assignments and the traps around them.
extension SecretCorpus {
    mutating func generateFreeForm() {
        for _ in 0..<6 {
            plantProvider("secrets/jwt", ["session", "token"], jwt())
            plantPrivateKey()
            plantDatabaseURL()
            plantGeneric()
            plantGeneric()
        }
        plantedFixtures()
        freeFormTraps()
        sharedTraps()
    }

    // MARK: - Planted

    mutating func jwt() -> String {
        let header = #"{"alg":"\#(pick(["HS256", "RS256", "ES256"]))","typ":"JWT"}"#
        let claims = #"{"sub":"\#(random(Self.alphanumeric, 8))","scope":"\#(pick(["read", "deploy", "admin"]))","iat":\#(1_700_000_000 + rng.next(50_000_000))}"#
        return Self.base64URL(Data(header.utf8)) + "." + Self.base64URL(Data(claims.utf8)) + "." + base64URL(bytes: pick([32, 64, 256]))
    }

    /// A PEM block (or a JSON string holding one); the value is its first line of key material.
    mutating func plantPrivateKey() {
        let label = pick(["PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY", "OPENSSH PRIVATE KEY", "ENCRYPTED PRIVATE KEY"])
        let body = (0..<(3 + rng.next(4))).map { _ in random(Self.base64, 64) }
        if rng.next(3) == 0 {
            let path = "config/service-account.json"
            let escaped = "-----BEGIN \(label)-----\\n" + body.joined(separator: "\\n") + "\\n-----END \(label)-----\\n"
            plant("secrets/private-key", path, "  \"private_key\": \"{S}\",", escaped)
            planted[planted.count - 1].value = body[0]
        } else {
            let path = pick(["deploy/tls/server.key", "keys/deploy_id", "config/jwt-signing.pem"])
            plant("secrets/private-key", path, "{S}", "-----BEGIN \(label)-----")
            planted[planted.count - 1].value = body[0]
            for line in body + ["-----END \(label)-----"] { files[path]!.append(line) }
        }
    }

    /// A connection URL with a random password, in a random file.
    mutating func plantDatabaseURL() {
        let scheme = pick(["postgres", "postgresql", "mysql", "mongodb+srv", "redis", "amqps", "mssql", "mariadb"])
        let user = pick(["app", "billing", "reporter", "svc_orders", "etl"])
        let password = random(Self.alphanumeric, 1) + random(Self.alphanumeric + Array("-_~"), 11 + rng.next(10))
        let host = pick(["db.internal", "10.0.3.17:5432", "cluster0.ab1cd.mongodb.net", "cache-01.prod:6379", "mq.example.net"])
        let path = pick(Self.paths)
        let parts = assignment(["database", "url"], path).components(separatedBy: "{S}")
        let database = pick(["app", "orders", "0", "vhost"])
        plant("secrets/database-url", path, parts[0] + "\(scheme)://\(user):{S}@\(host)/\(database)" + parts[1], password)
    }

    /// A random secret assigned to a secret-like name, in a random file.
    mutating func plantGeneric() {
        let names = [
            ["db", "password"], ["api", "key"], ["client", "secret"], ["auth", "token"], ["secret", "key"],
            ["access", "token"], ["smtp", "pass"], ["signing", "key"], ["passwd"], ["jwt", "secret"],
            ["encryption", "key"], ["aws", "secret", "access", "key"], ["twilio", "auth", "token"], ["admin", "pwd"],
        ]
        let value: String
        switch rng.next(4) {
        case 0: value = random(Self.alphanumeric, 1) + random(Self.symbols, 11 + rng.next(6))  // a password
        case 1: value = random(Self.hex, pick([32, 64]))  // a Django/Flask-style key
        case 2: value = random(Self.alphanumeric, 1) + random(Self.base64, 39)  // an AWS secret key's shape
        default: value = random(Self.alphanumeric, 16 + rng.next(25))  // a service token
        }
        let path = pick(Self.paths)
        let name = pick(names)
        // An AWS secret key's shape under an AWS name is what secrets/aws-secret-key reports.
        let awsShape = name.first == "aws" && value.count == 40 && value.allSatisfy { (Self.base64 as [Character]).contains($0) }
        plant(awsShape ? "secrets/aws-secret-key" : "secrets/generic-secret", path, assignment(name, path), value)
    }

    /// Test fixtures are not allowed by their path alone: outside secrets.allow.paths they count.
    mutating func plantedFixtures() {
        plant("secrets/github-token", "spec/fixtures/webhook.json", "  \"token\": \"{S}\",", "ghp_" + random(Self.alphanumeric, 36))
        plant("secrets/generic-secret", "test/fixtures/users.yml", "  password: {S}", random(Self.alphanumeric, 14))
        // ... and inside it they do not (Tests/Fixtures/** is allowed by the corpus policy).
        trap("allowed fixture path", "Tests/Fixtures/tokens.env", "GITHUB_TOKEN=ghp_\(random(Self.alphanumeric, 36))",
             "DB_PASSWORD=\(random(Self.alphanumeric, 16))", "AWS_ACCESS_KEY_ID=AKIA\(random(Self.base32, 16))")
    }

    // MARK: - Look-alikes

    mutating func freeFormTraps() {
        let jwtIO = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"
        let unsigned = Self.base64URL(Data(#"{"alg":"none"}"#.utf8)) + "." + Self.base64URL(Data(#"{"sub":"ci"}"#.utf8)) + "."
        let noAlg = Self.base64URL(Data(#"{"typ":"JWT","kid":"k1"}"#.utf8)) + "." + Self.base64URL(Data(#"{"sub":"ci","n":1}"#.utf8)) + "." + base64URL(bytes: 32)
        trap("documentation example", "docs/setup.md", "    curl -H \"Authorization: Bearer \(jwtIO)\" https://api.example.com")
        trap("unsigned token", "web/src/client.ts", "const unsigned = \"\(unsigned)\";")
        trap("no algorithm in header", "web/src/client.ts", "const notAJwt = \"\(noAlg)\";")
        trap("one segment", "web/src/client.ts", "const header = \"\(Self.base64URL(Data(#"{"debug":true,"level":3}"#.utf8)))\";")
        // Key-like blocks that are not private keys.
        trap("public key", "keys/deploy.pub", "-----BEGIN PUBLIC KEY-----", random(Self.base64, 64), random(Self.base64, 64), "-----END PUBLIC KEY-----")
        trap("certificate", "deploy/tls/ca.crt", "-----BEGIN CERTIFICATE-----", random(Self.base64, 64), "-----END CERTIFICATE-----")
        trap("placeholder key", "docs/setup.md", "-----BEGIN RSA PRIVATE KEY-----", "...paste your key here...", "-----END RSA PRIVATE KEY-----")
        trap("code about keys", "Sources/App/Secrets.swift", "if line.hasPrefix(\"-----BEGIN OPENSSH PRIVATE KEY-----\") { inKey = true }")
        // URLs whose password is a default, a placeholder or a variable.
        trap("default password", "docker-compose.yml", "      DATABASE_URL: postgres://postgres:postgres@db:5432/dev",
             "      BROKER_URL: amqp://guest:guest@rabbitmq:5672/", "      MYSQL_URL: mysql://root:root@mysql/app")
        trap("placeholder password", "docs/setup.md", "    redis://:<password>@cache:6379/0", "    postgres://app:changeme@db/app",
             "    https://user:pass@example.com/private")
        trap("variable password", "app/settings.py", "DATABASE_URL = f\"postgresql://{user}:{password}@{host}/app\"",
             "MONGO_URL = \"mongodb://admin:${MONGO_PASSWORD}@mongo:27017\"", "DSN = \"postgresql://app:%s@db/app\" % password")
        trap("no password", "scripts/deploy.sh", "git clone ssh://git@github.com/acme/app.git", "curl https://downloads.example.com/v2:latest@sha256")
    }

    mutating func sharedTraps() {
        let uuid = UUID(uuid: (UInt8(rng.next(256)), 0x3a, 0x1f, 0x22, 0x9c, 0x41, 0x4e, 0x8b, 0xa1, 0x2d, 0x77, 0x10, 0x5e, 0x61, 0x0c, 0xd4)).uuidString.lowercased()
        let sha = random(Self.hex, 40)
        let integrity = "sha512-" + Data((0..<64).map { _ in UInt8(rng.next(256)) }).base64EncodedString()
        let text = Data("Hello, World! This is just a sentence.".utf8).base64EncodedString()
        let json = Data(#"{"debug":true,"region":"eu-west-1"}"#.utf8).base64EncodedString()
        trap("placeholder", ".env.production", "DB_PASSWORD=changeme", "API_KEY=<your-api-key>", "SECRET_KEY=xxxxxxxxxxxxxxxx", "AUTH_TOKEN=****************")
        trap("template", "deploy/values.yml", "  password: \"{{ .Values.db.password }}\"", "  api_key: ${API_KEY}", "  token: \"${{ secrets.DEPLOY_TOKEN }}\"")
        trap("format string", "app/settings.py", "PASSWORD_TEMPLATE = \"%(password)s\"", "conn = \"password=%s\" % pw")
        trap("lookup", "app/settings.py", "DB_PASSWORD = os.environ[\"DB_PASSWORD\"]", "api_key = os.getenv(\"API_KEY\")", "password = getpass.getpass()")
        trap("lookup", "web/src/client.ts", "const token = process.env.API_TOKEN;", "const apiKey = config.get('apiKey');")
        trap("lookup", "lib/billing/client.rb", "API_KEY = ENV['API_KEY']", "secret = ENV.fetch('SECRET_KEY_BASE')")
        trap("lookup", "src/main/java/Billing.java", "String token = System.getenv(\"TOKEN\");")
        trap("uuid", "config/credentials.json", "  \"session_token\": \"\(uuid)\",")
        trap("commit hash", ".pre-commit-config.yaml", "    rev: \(sha)", "  - uses: actions/checkout@\(sha)")
        trap("commit hash", "app/settings.py", "TOKEN_SHA = \"\(random(Self.hex, 40))\"", "auth_commit = \"\(random(Self.hex, 40))\"")
        trap("integrity hash", "package-lock.json", "      \"integrity\": \"\(integrity)\",")
        trap("integrity hash", "yarn.lock", "  integrity \(integrity)")
        trap("documentation example", "docs/setup.md", "    aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")
        trap("marked test value", "app/settings.py", "API_KEY = \"EXAMPLE-\(random(Self.alphanumeric, 16))\"", "password = \"test-\(random(Self.alphanumeric, 10))\"",
             "SECRET = \"dummy-\(random(Self.alphanumeric, 12))\"", "token = \"fake_\(random(Self.alphanumeric, 20))\"")
        trap("test fixture name", "app/settings.py", "TEST_API_KEY = \"\(random(Self.alphanumeric, 24))\"", "mock_password = \"\(random(Self.alphanumeric, 14))\"")
        trap("base64 of text", "deploy/values.yml", "  secret: \(text)", "  token: \(json)")
        trap("low entropy", "config/app.toml", "password = \"aaaaaaaaaaaa\"", "secret = \"abcabcabcabc\"", "token = \"1234567890abcdef\"")
        trap("words", "config/app.toml", "password = \"correct-horse-battery-staple\"", "secret_phrase = \"OpenSesameDoor\"")
        trap("not a secret name", "app/settings.py", "REQUEST_ID = \"\(random(Self.alphanumeric, 24))\"", "key = \"\(random(Self.alphanumeric, 24))\"",
             "csrf_token = \"\(random(Self.alphanumeric, 32))\"", "next_page_token = \"\(random(Self.alphanumeric, 32))\"",
             "public_key = \"\(random(Self.base64, 44))\"", "AUTHOR_NAME = \"Jane Doe\"")
        trap("describes a secret", "app/settings.py", "TOKEN_URL = \"https://auth.example.com/oauth/token\"", "PASSWORD_HASH = \"$2b$12$\(random(Self.base64, 53))\"",
             "API_KEY_ENV = \"OPENAI_API_KEY\"", "MAX_TOKENS = 4096", "secret_name = \"prod-db-credentials\"")
        trap("code, not a literal", "Sources/App/Secrets.swift", "let token = try keychain.read(account: \"deploy\")",
             "if password == \"\(random(Self.alphanumeric, 14))\" { fail() }", "let apiKey: String")
        trap("list of names", "app/settings.py", "SECRET_WORDS = [\"password\", \"passwd\", \"passphrase\", \"credentials\"]")
        trap("list of names", "docs/setup.md", "The names `password`, `passwd`, `passphrase`, `authorization`, `credential(s)` are masked.")
        trap("interpolation", "Sources/App/Secrets.swift", "request.headers[\"Authorization\"] = \"Bearer \\(session.token)\"",
             "let headers = [\"Authorization\": \"Basic \\(credentials)\"]")
        trap("C expressions", "crypto/rsa_impl.cc.inc", "  rsa->private_key_frozen = tmp->private_key_frozen;",
             "  const uint8_t *const auth = xmss_sig + WOTS_BYTES;")
        trap("template source", "Sources/Crypto/ECDH.swift.gyb", "typealias NISTCurvePrivateKeyImpl = OpenSSLNISTCurvePrivateKeyImpl")
        trap("empty or null", "config/credentials.json", "  \"password\": \"\",", "  \"api_key\": null,")
    }
}
