/// Code hosting, CI and package registries. `ProviderRule` explains the fields. The formats are public facts;
/// the patterns' wording and the examples are this project's own.
extension ProviderCatalog {
    static let code: [ProviderRule] = [
        ProviderRule(
            "github-token", "GitHub", "GitHub token",
            docs: "https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/about-authentication-to-github#githubs-token-formats", revoke: "GitHub: Settings > Developer settings > Tokens",
            [
                ("GitHub personal access token", #"ghp_[A-Za-z0-9]{36}"#),
                ("GitHub OAuth token", #"gho_[A-Za-z0-9]{36}"#),
                ("GitHub app token", #"(ghu|ghs)_[A-Za-z0-9]{36}"#),
                ("GitHub refresh token", #"ghr_[A-Za-z0-9]{36}"#),
                ("GitHub fine-grained personal access token", #"github_pat_\w{82}"#),
            ],
            examples: [
                .triggering("export GITHUB_TOKEN=↓ghp_8VKqxryo1nIj7BRd03Q2ybv097SHzxgQA6TC\n", path: "scripts/release.sh"),
                .triggering("const auth = { token: \"↓gho_vY4dhKMlRdZQ9QsTXUuSnH6av1Ib8pp1xxXH\" };\n", path: "src/client.ts"),
                .triggering("token: ↓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\n", path: "ci.yml"),
                .passing("token: ${{ secrets.GITHUB_TOKEN }}\n", path: ".github/workflows/ci.yml"),
                .passing("GITHUB_TOKEN=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n", path: ".env.example"),
                .passing("let prefix = \"ghp_\"  // tokens start with it\n", path: "Token.swift"),
            ]),
        ProviderRule(
            "gitlab-token", "GitLab", "GitLab token",
            docs: "https://docs.gitlab.com/ee/security/tokens/", revoke: "GitLab: the token's settings page, Revoke",
            [
                ("GitLab personal access token", #"glpat-[A-Za-z0-9_-]{20,300}"#),
                ("GitLab deploy token", #"gldt-[A-Za-z0-9_-]{20,300}"#),
                ("GitLab runner token", #"(glrt-|GR1348941)[A-Za-z0-9_-]{20,300}"#),
                ("GitLab pipeline trigger token", #"glptt-\h{40}"#),
                ("GitLab OAuth application secret", #"gloas-[A-Za-z0-9_-]{64}"#),
                ("GitLab token", #"(glft|glsoat|glffct|glimt|glagent|glcbt)-[A-Za-z0-9_-]{20,300}"#),
            ],
            examples: [
                .triggering("  - git clone https://oauth2:↓glpat-yvBPs0jSO2Jkf08MMF1u@gitlab.com/group/app.git\n", path: ".gitlab-ci.yml"),
                .triggering("runner_token = \"↓glrt-27f4t3tGolUByxRmXBYQ\"\n", path: "config.toml"),
                .passing("token = \"glpat-<your token here>\"\n", path: "README.md"),
                .passing("GITLAB_TOKEN: $CI_JOB_TOKEN\n", path: ".gitlab-ci.yml"),
            ]),
        ProviderRule(
            "bitbucket-app-password", "Atlassian Bitbucket", "Bitbucket app password",
            docs: "https://support.atlassian.com/bitbucket-cloud/docs/app-passwords/", revoke: "revoke it under Personal settings > App passwords",
            [("Bitbucket app password", #"ATBB[A-Za-z0-9_=.-]{32}"#)],
            examples: [
                .triggering("export BITBUCKET_APP_PASSWORD=↓ATBBdO79H13nrJVMKTI12-YjQfF=E6IixJw.\n", path: "deploy/run.sh"),
                .triggering("  \"bitbucket_app_password\": \"↓ATBB4-_g=WsQJ4Brw-SQVNXGRin5XL=TcFly\",\n", path: "config/settings.json"),
                .passing("label = \"ATBBveBa81sDWYgfoNtbW26PjLY-eOCma72\"  # one character short\n", path: "app/labels.py"),
                .passing("BITBUCKET_APP_PASSWORD=ATBBAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n", path: ".env.example"),
            ]),
        ProviderRule(
            "atlassian-api-token", "Atlassian", "Atlassian API token",
            docs: "https://support.atlassian.com/atlassian-account/docs/manage-api-tokens-for-your-atlassian-account/", revoke: "revoke it at id.atlassian.com under Security > API tokens",
            [("Atlassian API token", #"ATATT3[A-Za-z0-9_=-]{186}"#)],
            examples: [
                .triggering("  \"atlassian_api_token\": \"↓ATATT3GNh=BWdJ=IlaBf6baQz=GRhTYiZ=BT_SPCNx9ZGchpVExTQ3gnYinhHXRP6aI8qwGPmrPdSuNSr=bG224m0Y6cidQ2p6kW0msQnnAzDdM9iiIkEwmajW5bBK09Y0MyzHUSvWaS9U9Fs5AIZGmyabx8GrJIa0=eJTS8WHg_V8Ty7JfFz8PyUEZgK0k=\",\n", path: "config/settings.json"),
                .triggering("\tatlassianApiToken := \"↓ATATT3paDbee9hFd79gmHjIWqDLEof9vmIk8yaE_G6jOj0-N=_l6poF8eRphM8yvhr1bARLScNq43gVDiesPWHHdNozaGDX2f=8D0w=5vnYvfY4QeZo6XI4pGhXTJuY0cdtBA255QpOpec5=G==jmen8cjdyJBYKEvTAoUarZUOsg2ocMyZn8MYtlJqeW7cW\"\n", path: "cmd/main.go"),
                .passing("label = \"ATATT3Pc2K9wM-ZiIWn4FTDCSQYd4dGjF-yeX0tA4O-c5=jDM7v=TVM9UASymCG1j9YR82CWuq1J6AWo20qMgXt74smDUyTQp-lEdXE6fZtWacgbPskhQl2uuhub=URxT1tbtHup1-238ac=8oVeiNWTarzvdjki7frk8yhYaZcW3j-qsJynzrZc1rgPGX0\"  # one character short\n", path: "app/labels.py"),
                .passing("ATLASSIAN_API_TOKEN=ATATT3AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n", path: ".env.example"),
            ]),
        ProviderRule(
            "huggingface-token", "Hugging Face", "Hugging Face access token",
            docs: "https://huggingface.co/docs/hub/security-tokens", revoke: "invalidate it under Settings > Access Tokens",
            [
                ("Hugging Face access token", #"hf_[A-Za-z]{34}"#),
                ("Hugging Face access token", #"api_org_[A-Za-z]{34}"#),
            ],
            examples: [
                .triggering("  \"huggingface_token\": \"↓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\",\n", path: "config/settings.json"),
                .triggering("\thuggingfaceToken := \"↓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\"\n", path: "cmd/main.go"),
                .passing("label = \"hf_lKCxNRVFLHeUbiAUUNlJukNuWrIMVQRkE\"  # one character short\n", path: "app/labels.py"),
                .passing("HUGGINGFACE_TOKEN=hf_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n", path: ".env.example"),
            ]),
        ProviderRule(
            "circleci-token", "CircleCI", "CircleCI personal API token",
            docs: "https://circleci.com/docs/managing-api-tokens/", revoke: "delete it under User Settings > Personal API Tokens",
            [("CircleCI personal API token", #"CCIPAT_[A-Za-z0-9]{22}_[a-f0-9]{40}"#)],
            examples: [
                .triggering("\tcircleciToken := \"↓CCIPAT_J3WFJdgEtNFfFJ8Lk17bRA_29d46cf4eea4e30716cef3efb4ef161c733980d6\"\n", path: "cmd/main.go"),
                .triggering("CIRCLECI_TOKEN=↓CCIPAT_6P8LutuhmmMRSEQHdgM3DM_5b95f489253302d557d03f537432e3f9a46a8dd4\n", path: ".env"),
                .passing("label = \"CCIPAT_QB9DhJSdbkOFVp3lJxs4oQ_6d0bc617a5972e2e391ef4a82aec3e9cadff6a2\"  # one character short\n", path: "app/labels.py"),
                .passing("CIRCLECI_TOKEN=CCIPAT_AAAAAAAAAAAAAAAAAAAAAA_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n", path: ".env.example"),
            ]),
        ProviderRule(
            "buildkite-token", "Buildkite", "Buildkite API access token",
            docs: "https://buildkite.com/docs/apis/managing-api-tokens", revoke: "revoke it under Personal Settings > API Access Tokens",
            [("Buildkite API access token", #"bkua_[a-f0-9]{40}"#)],
            examples: [
                .triggering("BUILDKITE_TOKEN=↓bkua_3832a9ab9b53e612308d67b7486fea7f14f9e942\n", path: ".env"),
                .triggering("  buildkite_token: \"↓bkua_81dad4184cb267c5322b539903321301025e78e2\"\n", path: "config/app.yml"),
                .passing("label = \"bkua_815e52e2ff25a9220818240a978e929141aec6e\"  # one character short\n", path: "app/labels.py"),
                .passing("BUILDKITE_TOKEN=bkua_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n", path: ".env.example"),
            ]),
        ProviderRule(
            "jfrog-token", "JFrog", "JFrog Artifactory API key",
            docs: "https://jfrog.com/help/r/jfrog-platform-administration-documentation/access-tokens", revoke: "revoke it in the JFrog Platform under Identity and Access",
            [("JFrog Artifactory API key", #"AKCp[A-Za-z0-9]{69}"#)],
            examples: [
                .triggering("\tjfrogToken := \"↓AKCp99a3yT866GfbV6ivInbqUhRBHupcnb0Mx2E7I11nr9bq80TfuH6AAaYt1WA3Mh4aA1W3c\"\n", path: "cmd/main.go"),
                .triggering("JFROG_TOKEN=↓AKCphGi71wObyzwBASovKCNVlbQSCqkZxR8NZZ9m4829H9VOzFm7Xsr5oKr46t0bY1u7Lisz5\n", path: ".env"),
                .passing("label = \"AKCpe6qUcDqDxz2MlfQCz1oc8ZO1lbBla9ldOZgXhC1SD146fD2kHUAR4tzwbTItkixgLdz3\"  # one character short\n", path: "app/labels.py"),
                .passing("JFROG_TOKEN=AKCpAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n", path: ".env.example"),
            ]),
        ProviderRule(
            "sonar-token", "SonarQube / SonarCloud", "Sonar token",
            docs: "https://docs.sonarsource.com/sonarqube/latest/user-guide/user-account/generating-and-using-tokens/", revoke: "revoke it under My Account > Security",
            [("Sonar token", #"(squ|sqp|sqa)_[a-f0-9]{40}"#)],
            examples: [
                .triggering("const sonarToken = '↓sqa_f8bf100c29bdfa3dabb37253d2c4ba41411a0ede';\n", path: "src/client.ts"),
                .triggering("export SONAR_TOKEN=↓sqa_783ba44697d0e8ee0b02964ad73b84b51fe28990\n", path: "deploy/run.sh"),
                .passing("label = \"squ_bdd8369f0367759233d9cd5266eef54f0d39d9e\"  # one character short\n", path: "app/labels.py"),
                .passing("SONAR_TOKEN=sqa_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n", path: ".env.example"),
            ]),
        ProviderRule(
            "docker-hub-token", "Docker Hub", "Docker Hub access token",
            docs: "https://docs.docker.com/security/for-developers/access-tokens/", revoke: "delete it under Account settings > Personal access tokens",
            [("Docker Hub access token", #"(dckr_pat|dckr_oat)_[A-Za-z0-9_-]{27,32}"#)],
            examples: [
                .triggering("export DOCKER_HUB_TOKEN=↓dckr_oat_bjVeECL-OFGRgYVig5eqosIiiaqJz\n", path: "deploy/run.sh"),
                .triggering("  \"docker_hub_token\": \"↓dckr_oat_FwJjrvsahxXkLvQH5nV_wENqzRn\",\n", path: "config/settings.json"),
                .passing("label = \"dckr_pat_IXzSGST20zh5yMibf0mJOozmYB\"  # one character short\n", path: "app/labels.py"),
                .passing("DOCKER_HUB_TOKEN=dckr_oat_AAAAAAAAAAAAAAAAAAAAAAAAAAA\n", path: ".env.example"),
            ]),
        ProviderRule(
            "npm-token", "npm", "npm access token",
            docs: "https://docs.npmjs.com/about-access-tokens", revoke: "npmjs.com: Access Tokens, Delete",
            [("npm access token", #"npm_[A-Za-z0-9]{36}"#)],
            examples: [
                .triggering("//registry.npmjs.org/:_authToken=↓npm_DrUd7z14cKuuBNf0gmUBUhWRQdIAUDFbxtBe\n", path: ".npmrc"),
                .passing("//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n", path: ".npmrc"),
                .passing("const prefix = \"npm_config_\";\n", path: "lib/env.js"),
            ]),
        ProviderRule(
            "pypi-token", "PyPI", "PyPI API token",
            docs: "https://pypi.org/help/#apitoken", revoke: "pypi.org: Account settings > API tokens, Remove",
            [("PyPI API token", #"pypi-(AgEIcHlwaS5vcmc|AgENdGVzdC5weXBpLm9yZw)[A-Za-z0-9_-]{50,1000}"#)],
            examples: [
                .triggering("password = ↓pypi-AgEIcHlwaS5vcmcNKogorTAuRVpQ09oiVeZWJ9QyucS19AvMp2gUAeSsUfFgUl8oPK_HJN45P-ED75cNRqsKz\n", path: ".pypirc"),
                .passing("password = pypi-<your token>\n", path: "docs/publishing.md"),
                .passing("TWINE_PASSWORD: ${{ secrets.PYPI_TOKEN }}\n", path: ".github/workflows/release.yml"),
            ]),
        ProviderRule(
            "rubygems-key", "RubyGems", "RubyGems API key",
            docs: "https://guides.rubygems.org/api-key-scopes/", revoke: "delete it under Settings > API keys",
            [("RubyGems API key", #"rubygems_[a-f0-9]{48}"#)],
            examples: [
                .triggering("\trubygemsKey := \"↓rubygems_a417d9a30358d55f8485a7511c5872b17300efcfdccdbccf\"\n", path: "cmd/main.go"),
                .triggering("RUBYGEMS_KEY=↓rubygems_25234045cfce76ed57e496b1aef9085f26f6b67763acea29\n", path: ".env"),
                .passing("label = \"rubygems_3e4d4ee7589520b1be7c25e9a650f1f743c0ccd09a68c94\"  # one character short\n", path: "app/labels.py"),
                .passing("RUBYGEMS_KEY=rubygems_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n", path: ".env.example"),
            ]),
        ProviderRule(
            "nuget-key", "NuGet", "NuGet API key",
            docs: "https://learn.microsoft.com/nuget/nuget-org/scoped-api-keys", revoke: "delete it under API Keys on nuget.org",
            [("NuGet API key", #"oy2[a-z0-9]{43}"#)], boundary: "A-Za-z0-9_",
            examples: [
                .triggering("export NUGET_KEY=↓oy23llryjzvvr3lgp9lno18f6iu0jvbss78f51edthm76y\n", path: "deploy/run.sh"),
                .triggering("  \"nuget_key\": \"↓oy2opw2kgk7qmzb3cfzj81469lx6i2pmk5tib4neobd693\",\n", path: "config/settings.json"),
                .passing("label = \"oy2j5gf6expz8txus2yonqchgo1zexwwnmnyi89qb8ozn\"  # one character short\n", path: "app/labels.py"),
                .passing("NUGET_KEY=oy2aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n", path: ".env.example"),
            ]),
        ProviderRule(
            "crates-io-token", "crates.io", "crates.io API token",
            docs: "https://doc.rust-lang.org/cargo/reference/registry-authentication.html", revoke: "revoke it under Account Settings > API Tokens",
            [("crates.io API token", #"cio[A-Za-z0-9]{32}"#)], boundary: "A-Za-z0-9_",
            examples: [
                .triggering("CRATES_IO_TOKEN = \"↓cioT36FTBqVnOO2LpJnMBe0dO78EUcUgaXo\"\n", path: "app/settings.py"),
                .triggering("const cratesIoToken = '↓ciow5WGB7SlL1euP0ssLwVyXrkJGunguoJi';\n", path: "src/client.ts"),
                .passing("label = \"cioL1YFXan4gurr1b09NDNfLUr11twqEnZ\"  # one character short\n", path: "app/labels.py"),
                .passing("CRATES_IO_TOKEN=cioAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n", path: ".env.example"),
            ]),
        ProviderRule(
            "clojars-token", "Clojars", "Clojars deploy token",
            docs: "https://github.com/clojars/clojars-web/wiki/Deploy-Tokens", revoke: "disable it under Dashboard > Deploy Tokens",
            [("Clojars deploy token", #"CLOJARS_[a-z0-9]{60}"#)],
            examples: [
                .triggering("const clojarsToken = '↓CLOJARS_gtp1rlqcih7bue8srktg2pcarl5npdmqg85z8dzl669cwnx7q81h2dqos5kc';\n", path: "src/client.ts"),
                .triggering("export CLOJARS_TOKEN=↓CLOJARS_v45lioejwoqw9vgsveb7ldlvj1ccvn80hl3upy6c4zmrw7r5hnp4go8fkrnj\n", path: "deploy/run.sh"),
                .passing("label = \"CLOJARS_4rgl2e36q5frxkwr6wmmlu4rvoburull47qz27krkxndk95b3p3ndbw9fyo\"  # one character short\n", path: "app/labels.py"),
                .passing("CLOJARS_TOKEN=CLOJARS_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n", path: ".env.example"),
            ]),
        ProviderRule(
            "sourcegraph-token", "Sourcegraph", "Sourcegraph access token",
            docs: "https://sourcegraph.com/docs/cli/how-tos/creating_an_access_token", revoke: "delete it under Settings > Access tokens",
            [("Sourcegraph access token", #"sgp_(local_)?[a-f0-9]{40}"#)],
            examples: [
                .triggering("\tsourcegraphToken := \"↓sgp_local_0552e2291bc6d3e8f3612cf87df8eb06964c1e88\"\n", path: "cmd/main.go"),
                .triggering("SOURCEGRAPH_TOKEN=↓sgp_local_89399cb99e48f8096e92f2f9ea3cda1645a813f7\n", path: ".env"),
                .passing("label = \"sgp_local_98615a0efe46f5d56f27d253fee30a4efcb8720\"  # one character short\n", path: "app/labels.py"),
                .passing("SOURCEGRAPH_TOKEN=sgp_local_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n", path: ".env.example"),
            ]),
        ProviderRule(
            "harness-token", "Harness", "Harness access token",
            docs: "https://developer.harness.io/docs/platform/automation/api/add-and-manage-api-keys/", revoke: "delete it under My Profile > API Keys",
            [("Harness access token", #"pat.[A-Za-z0-9_-]{22}.[0-9a-f]{24}.[A-Za-z0-9]{20}"#)],
            examples: [
                .triggering("HARNESS_TOKEN = \"↓pat.eawAYM8UzIcy-2OqeTCiu_.3fe6b6ffb70092e854a11e54.ddx33pCUIViLqgZkXxUL\"\n", path: "app/settings.py"),
                .triggering("const harnessToken = '↓pat.yVt5KAor-mCOcFn0lWUeUZ.dbda396f99f87f9eff0f6433.uYGPIqsZ8RM2aVVfd90Q';\n", path: "src/client.ts"),
                .passing("label = \"pat.dB1McxaI8lhja_QAmCve59.5876d6edaa082c69bf63c905.xVzwl020FBchMB4TEOL\"  # one character short\n", path: "app/labels.py"),
                .passing("HARNESS_TOKEN=pat.AAAAAAAAAAAAAAAAAAAAAA.000000000000000000000000.AAAAAAAAAAAAAAAAAAAA\n", path: ".env.example"),
            ]),
        ProviderRule(
            "octopus-deploy-key", "Octopus Deploy", "Octopus Deploy API key",
            docs: "https://octopus.com/docs/octopus-rest-api/how-to-create-an-api-key", revoke: "revoke it under My Profile > My API Keys",
            [("Octopus Deploy API key", #"API-[A-Z0-9]{26}"#)], boundary: "A-Za-z0-9_",
            examples: [
                .triggering("  \"octopus_deploy_key\": \"↓API-NDU1MH5TB20SHU6ISMDBEGNGSM\",\n", path: "config/settings.json"),
                .triggering("\toctopusDeployKey := \"↓API-MPQ2HHOCNH1P21J2G4T1IEWEED\"\n", path: "cmd/main.go"),
                .passing("label = \"API-8OUQ4QHTWDXOT78DXHYK323IK\"  # one character short\n", path: "app/labels.py"),
                .passing("OCTOPUS_DEPLOY_KEY=API-AAAAAAAAAAAAAAAAAAAAAAAAAA\n", path: ".env.example"),
            ]),
        ProviderRule(
            "prefect-key", "Prefect", "Prefect API key",
            docs: "https://docs.prefect.io/v3/manage/cloud/manage-users/api-keys", revoke: "delete it under Profile > API keys",
            [("Prefect API key", #"pnu_[A-Za-z0-9]{36}"#)],
            examples: [
                .triggering("\tprefectKey := \"↓pnu_0qOUG2cR8shpmfE864c1k24LQPLKNVB4A71h\"\n", path: "cmd/main.go"),
                .triggering("PREFECT_KEY=↓pnu_2lSaYIarchvmPKA7EeuHOxJClNxcWSFHk6xO\n", path: ".env"),
                .passing("label = \"pnu_fBYooBERYWx1GfTAP3ZPSxSbJZJwzfZcxHB\"  # one character short\n", path: "app/labels.py"),
                .passing("PREFECT_KEY=pnu_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n", path: ".env.example"),
            ]),
        ProviderRule(
            "readme-key", "ReadMe", "ReadMe API key",
            docs: "https://docs.readme.com/main/reference/intro/authentication", revoke: "revoke it under the project's API Keys",
            [("ReadMe API key", #"rdme_[a-z0-9]{70}"#)],
            examples: [
                .triggering("README_KEY = \"↓rdme_md88e4v6ol36tfa9yzr20lpex19co055gwrwgr0l7k0tbza4zrftq8te22h243ydxk4s6j\"\n", path: "app/settings.py"),
                .triggering("const readmeKey = '↓rdme_q2cx1zn495rg4xdjw05b2b6xhinuu768zvhs4ju2jjhajr2te6xqrrtlee3zs2jusks1tj';\n", path: "src/client.ts"),
                .passing("label = \"rdme_px1w3y1scmuurvx04zvwk20yz1szjqto2p4phbt6wptb5k7mi3zu3ky5t01ofam7bwv7q\"  # one character short\n", path: "app/labels.py"),
                .passing("README_KEY=rdme_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n", path: ".env.example"),
            ]),
        ProviderRule(
            "infracost-key", "Infracost", "Infracost API key",
            docs: "https://www.infracost.io/docs/", revoke: "rotate it in Infracost Cloud under Org settings",
            [("Infracost API key", #"ico-[A-Za-z0-9]{32}"#)],
            examples: [
                .triggering("\tinfracostKey := \"↓ico-TNyiacjhIJpIpKRHzmDsglhD8ICYcq3k\"\n", path: "cmd/main.go"),
                .triggering("INFRACOST_KEY=↓ico-rmF6HXTLI9gzuOqKGfzxDfT6DaK4YIY9\n", path: ".env"),
                .passing("label = \"ico-qaMmw2drAuPtIpqramI732B7LyzRI8x\"  # one character short\n", path: "app/labels.py"),
                .passing("INFRACOST_KEY=ico-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n", path: ".env.example"),
            ]),
        ProviderRule(
            "postman-key", "Postman", "Postman API key",
            docs: "https://learning.postman.com/docs/developer/postman-api/authentication/", revoke: "delete it under Settings > API keys",
            [("Postman API key", #"PMAK-[a-f0-9]{24}-[a-f0-9]{34}"#)],
            examples: [
                .triggering("const postmanKey = '↓PMAK-db1e9ae0d2e017d05e9c0df9-ce471b03b301daf600dd1db1f88db5eaaf';\n", path: "src/client.ts"),
                .triggering("export POSTMAN_KEY=↓PMAK-032195f47e9b731116cf5fd3-105c5bba6228bd6b80879efbab051c23cf\n", path: "deploy/run.sh"),
                .passing("label = \"PMAK-a9a95e6a9bcedf7688f2020a-991bed39329e87ff8036468b38324ab81\"  # one character short\n", path: "app/labels.py"),
                .passing("POSTMAN_KEY=PMAK-aaaaaaaaaaaaaaaaaaaaaaaa-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n", path: ".env.example"),
            ]),
        ProviderRule(
            "launchdarkly-key", "LaunchDarkly", "LaunchDarkly API or SDK key",
            docs: "https://launchdarkly.com/docs/home/account/api", revoke: "reset the key in the environment's settings",
            [("LaunchDarkly API or SDK key", #"(api|sdk)-[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}"#)],
            examples: [
                .triggering("export LAUNCHDARKLY_KEY=↓sdk-26706b7f-bd72-86a6-c4cb-87ca4f489713\n", path: "deploy/run.sh"),
                .triggering("  \"launchdarkly_key\": \"↓api-e809b92b-f5e6-31d2-98f0-add2dc1e2837\",\n", path: "config/settings.json"),
                .passing("label = \"sdk-dc2ab667-4831-27f1-9457-587c3c4fb51\"  # one character short\n", path: "app/labels.py"),
                .passing("LAUNCHDARKLY_KEY=sdk-aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa\n", path: ".env.example"),
            ]),
        ProviderRule(
            "travis-ci-token", "Travis CI", "Travis CI API token, the value assigned to a name holding `travis`",
            docs: "https://docs.travis-ci.com/user/triggering-builds/", revoke: "regenerate it under Settings > API authentication",
            [("Travis CI API token", #"[A-Za-z0-9_-]{22}"#)], names: ["travis"],
            examples: [
                .triggering("\ttravisApiKey := \"↓vVDsL2BY_JWDDA5G_OE3wT\"\n", path: "cmd/main.go"),
                .triggering("TRAVIS_API_KEY=↓3MFVy5KQcsEzUhEBRykfri\n", path: ".env"),
                .passing("request_id = \"p43SSygWa3rUTZp3-x3pcW\"\n", path: "app/ids.py"),
                .passing("TRAVIS_API_KEY=AAAAAAAAAAAAAAAAAAAAAA\n", path: ".env.example"),
            ]),
        ProviderRule(
            "drone-ci-token", "Drone CI", "Drone CI token, the value assigned to a name holding `drone`",
            docs: "https://docs.drone.io/cli/setup/", revoke: "reset it under the user settings",
            [("Drone CI token", #"[A-Za-z0-9]{32}"#)], names: ["drone"],
            examples: [
                .triggering("const droneApiKey = '↓UUo5nK1tTiECUnCVRnPBGSLxMl9775wX';\n", path: "src/client.ts"),
                .triggering("export DRONE_API_KEY=↓hXCYaKOwTOiPiMVsEc0lkHUhcPU7ITnn\n", path: "deploy/run.sh"),
                .passing("request_id = \"pptYB3yNiPAOrMCPDj90xcOJOFywVUWt\"\n", path: "app/ids.py"),
                .passing("DRONE_API_KEY=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n", path: ".env.example"),
            ]),
    ]
}
