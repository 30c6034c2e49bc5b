/// Code hosting, CI and package registries. `ProviderRule` explains the fields. The formats are public facts;
/// the patterns' wording and the examples are this project's own.
extension ProviderCatalog {
    static let code: [ProviderRule] = [
        ProviderRule(
            "github-token", "GitHub", "GitHub token: `ghp_[A-Za-z0-9]{36}`, `gho_[A-Za-z0-9]{36}`, `(ghu|ghs)_[A-Za-z0-9]{36}`, `ghr_[A-Za-z0-9]{36}`, `github_pat_\\w{82}`",
            docs: "https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/about-authentication-to-github#githubs-token-formats", revoke: "GitHub: Settings > Developer settings > Tokens",
            [("GitHub personal access token", #"ghp_[A-Za-z0-9]{36}"#), ("GitHub OAuth token", #"gho_[A-Za-z0-9]{36}"#), ("GitHub app token", #"(ghu|ghs)_[A-Za-z0-9]{36}"#), ("GitHub refresh token", #"ghr_[A-Za-z0-9]{36}"#), ("GitHub fine-grained personal access token", #"github_pat_\w{82}"#)],
            examples: [
                .triggering("export GITHUB_TOKEN=↓ghp_8VKqxryo1nIj7BRd03Q2ybv097SHzxgQA6TC\n", path: "scripts/release.sh"),
                .triggering("const auth = { token: \"↓gho_vY4dhKMlRdZQ9QsTXUuSnH6av1Ib8pp1xxXH\" };\n", path: "src/client.ts"),
                .triggering("token: ↓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\n", path: "ci.yml"),
                .passing("token: ${{ secrets.GITHUB_TOKEN }}\n", path: ".github/workflows/ci.yml"),
                .passing("GITHUB_TOKEN=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n", path: ".env.example"),
                .passing("let prefix = \"ghp_\"  // tokens start with it\n", path: "Token.swift"),
            ]),
        ProviderRule(
            "gitlab-token", "GitLab", "GitLab token: `glpat-[A-Za-z0-9_-]{20,300}`, `gldt-[A-Za-z0-9_-]{20,300}`, `(glrt-|GR1348941)[A-Za-z0-9_-]{20,300}`, `glptt-\\h{40}`, `gloas-[A-Za-z0-9_-]{64}`, `(glft|glsoat|glffct|glimt|glagent|glcbt)-[A-Za-z0-9_-]{20,300}`",
            docs: "https://docs.gitlab.com/ee/security/tokens/", revoke: "GitLab: the token's settings page, Revoke",
            [("GitLab personal access token", #"glpat-[A-Za-z0-9_-]{20,300}"#), ("GitLab deploy token", #"gldt-[A-Za-z0-9_-]{20,300}"#), ("GitLab runner token", #"(glrt-|GR1348941)[A-Za-z0-9_-]{20,300}"#), ("GitLab pipeline trigger token", #"glptt-\h{40}"#), ("GitLab OAuth application secret", #"gloas-[A-Za-z0-9_-]{64}"#), ("GitLab token", #"(glft|glsoat|glffct|glimt|glagent|glcbt)-[A-Za-z0-9_-]{20,300}"#)],
            examples: [
                .triggering("  - git clone https://oauth2:↓glpat-yvBPs0jSO2Jkf08MMF1u@gitlab.com/group/app.git\n", path: ".gitlab-ci.yml"),
                .triggering("runner_token = \"↓glrt-27f4t3tGolUByxRmXBYQ\"\n", path: "config.toml"),
                .passing("token = \"glpat-<your token here>\"\n", path: "README.md"),
                .passing("GITLAB_TOKEN: $CI_JOB_TOKEN\n", path: ".gitlab-ci.yml"),
            ]),
        ProviderRule(
            "npm-token", "npm", "npm access token: `npm_[A-Za-z0-9]{36}`",
            docs: "https://docs.npmjs.com/about-access-tokens", revoke: "npmjs.com: Access Tokens, Delete",
            [("npm access token", #"npm_[A-Za-z0-9]{36}"#)],
            examples: [
                .triggering("//registry.npmjs.org/:_authToken=↓npm_DrUd7z14cKuuBNf0gmUBUhWRQdIAUDFbxtBe\n", path: ".npmrc"),
                .passing("//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n", path: ".npmrc"),
                .passing("const prefix = \"npm_config_\";\n", path: "lib/env.js"),
            ]),
        ProviderRule(
            "pypi-token", "PyPI", "PyPI API token: `pypi-(AgEIcHlwaS5vcmc|AgENdGVzdC5weXBpLm9yZw)[A-Za-z0-9_-]{50,1000}`",
            docs: "https://pypi.org/help/#apitoken", revoke: "pypi.org: Account settings > API tokens, Remove",
            [("PyPI API token", #"pypi-(AgEIcHlwaS5vcmc|AgENdGVzdC5weXBpLm9yZw)[A-Za-z0-9_-]{50,1000}"#)],
            examples: [
                .triggering("password = ↓pypi-AgEIcHlwaS5vcmcNKogorTAuRVpQ09oiVeZWJ9QyucS19AvMp2gUAeSsUfFgUl8oPK_HJN45P-ED75cNRqsKz\n", path: ".pypirc"),
                .passing("password = pypi-<your token>\n", path: "docs/publishing.md"),
                .passing("TWINE_PASSWORD: ${{ secrets.PYPI_TOKEN }}\n", path: ".github/workflows/release.yml"),
            ]),
    ]
}
