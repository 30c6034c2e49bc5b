/// Cloud platforms. `ProviderRule` explains the fields. The formats are public facts;
/// the patterns' wording and the examples are this project's own.
extension ProviderCatalog {
    static let cloud: [ProviderRule] = [
        ProviderRule(
            "aws-access-key", "AWS", "AWS access key ID",
            docs: "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html", revoke: "deactivate and delete the key in the IAM console",
            [
                ("AWS access key ID", #"(AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}"#),
                ("AWS access key ID", #"A3T[A-Z0-9][A-Z2-7]{16}"#),
            ], boundary: "A-Za-z0-9_",
            examples: [
                .triggering("aws_access_key_id = ↓AKIAVQJXXVBOTHD2WTFL\n", path: "config/credentials"),
                .triggering("client = boto3.client(\"s3\", aws_access_key_id=\"↓ASIAHBMUAPTT2ZN5X2PD\")\n", path: "app.py"),
                .passing("aws_access_key_id = AKIAIOSFODNN7EXAMPLE\n", path: "docs/setup.md"),
                .passing("key = \"AKIAVQJXXVBOTHD2WTF\"  # 19 characters: not a key\n", path: "app.py"),
                .passing("name = \"XAKIAVQJXXVBOTHD2WTFL\"\n", path: "app.py"),
            ]),
        ProviderRule(
            "aws-secret-key", "AWS", "AWS secret access key, the value assigned to a name holding `aws_secret` or `awssecret` or `secret_access_key` or `secretaccesskey`",
            docs: "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html", revoke: "deactivate and delete the key in the IAM console",
            [("AWS secret access key", #"[A-Za-z0-9/+]{40}"#)], names: ["aws_secret", "awssecret", "secret_access_key", "secretaccesskey"],
            examples: [
                .triggering("const awsSecret = '↓oQ5TwDks+nqHpAuLZAKxPH+nNJM6DYeHAkYxdxkp';\n", path: "src/client.ts"),
                .triggering("export AWS_SECRET=↓PCc6wkjZmkmhgbGnIJ4NdijdQbpWqaDGyAAV2eFa\n", path: "deploy/run.sh"),
                .passing("request_id = \"GnlD9ffZnAZJOVNgmJsRGhnP9n71CLcjPXaiGv4k\"\n", path: "app/ids.py"),
                .passing("AWS_SECRET=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n", path: ".env.example"),
            ]),
        ProviderRule(
            "aws-session-token", "AWS", "AWS session token, the value assigned to a name holding `session_token` or `sessiontoken` or `security_token`",
            docs: "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_use-resources.html", revoke: "revoke the role's active sessions in the IAM console",
            [
                ("AWS session token", #"(FwoGZXIvYXdzE|IQoJb3JpZ2luX2Vj|FQoGZXIvYXdzE)[A-Za-z0-9/+=]{100,1000}"#),
            ], names: ["session_token", "sessiontoken", "security_token"],
            examples: [
                .triggering("SESSION_TOKEN = \"↓IQoJb3JpZ2luX2VjaHnd1Oagpxx1hyebsSIuZxVc/Y/WRbGGK6yxFsTmDxb4pT6btey+u4x4q+pYSbQDurpA3dbwX=n8NNQuAk3x6OpKG5VDgqw0f6j7kfzvlRC+uy\"\n", path: "app/settings.py"),
                .triggering("const sessionToken = '↓FwoGZXIvYXdzE6zs/RyRSH34eNofAbaRJTlTzuDA5RrPeNieeIj9xLOA4WT==VKNQdl2fD/dgSnCJ1ufBRjEespcBus3zA+rZajMppuZR+S5FDxXDZEaQb';\n", path: "src/client.ts"),
                .passing("request_id = \"FwoGZXIvYXdzE8avj/C53syovPhkyQLpfR/ZbR=B1l/kOsdZBsIAKWgXx9J4bSF/vey+fm/p60vAHOXXAiMRrXo0/hf8NyzX=C7EPYudkcLh=bTfGpV0\"\n", path: "app/ids.py"),
                .passing("SESSION_TOKEN=FwoGZXIvYXdzEAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n", path: ".env.example"),
            ]),
        ProviderRule(
            "azure-storage-key", "Microsoft Azure", "Azure storage account key",
            docs: "https://learn.microsoft.com/azure/storage/common/storage-account-keys-manage", revoke: "rotate the key under the storage account's Access keys",
            [
                ("Azure storage account key", #"AccountKey=\K[A-Za-z0-9+/]{86}=="#),
                ("Azure storage account key", #"SharedAccessKey=\K[A-Za-z0-9+/]{43}="#),
            ],
            examples: [
                .triggering("  \"azure_storage_key\": \"AccountKey=↓GHKPZBnt/7pkOWLlgKNgJwnHVBENRwjYIYMrWriDmFXBg5vfjggP0vMB3jyjBDWZFtSrsK7HIqUQ9RocZd+s/f==\",\n", path: "config/settings.json"),
                .triggering("\tazureStorageKey := \"SharedAccessKey=↓0m+n/ebA2EAhbnnW8Y2gmMpDLmCvf2MNW76hrbs0Ihi=\"\n", path: "cmd/main.go"),
                .passing("label = \"AccountKey=dzPs1WvJBLWbKqVOjWbPzdtoNfg6uAGQ2gzhOMjqiT9uq430bWE1Efr9q+gtT0eFFh8cjGDp5Nw3yzWosEUFq==\"  # one character short\n", path: "app/labels.py"),
                .passing("AZURE_STORAGE_KEY=AccountKey=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==\n", path: ".env.example"),
            ]),
        ProviderRule(
            "azure-sas-token", "Microsoft Azure", "Azure shared access signature",
            docs: "https://learn.microsoft.com/azure/storage/common/storage-sas-overview", revoke: "rotate the account key that signed it, or revoke the stored access policy",
            [("Azure shared access signature", #"&sig=\K[A-Za-z0-9%]{43,100}"#)], boundary: "A-Za-z0-9%",
            examples: [
                .triggering("  azure_sas_token: \"&sig=↓CHiE6t4oiiPOwRVnG9zxoJDwTZYV6qDLP52QZhYY%wDA3Ut%T\"\n", path: "config/app.yml"),
                .triggering("AZURE_SAS_TOKEN = \"&sig=↓uOH574kAgn3jVhm7Pk1YzNbtYQZ3fkdxL69McWszX1E4oaFq%5al8W\"\n", path: "app/settings.py"),
                .passing("label = \"&sig=9jgfk3NXR2JaNEuDHO8vu8e08taXR4JYi3gzlm5ZrX\"  # one character short\n", path: "app/labels.py"),
                .passing("AZURE_SAS_TOKEN=&sig=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n", path: ".env.example"),
            ]),
        ProviderRule(
            "azure-app-config", "Microsoft Azure", "Azure App Configuration connection string",
            docs: "https://learn.microsoft.com/azure/azure-app-configuration/howto-disable-access-key-authentication", revoke: "regenerate the access key of the App Configuration store",
            [("Azure App Configuration connection string", #".azconfig.io;Id=[A-Za-z0-9+/=-]{4,40};Secret=\K[A-Za-z0-9+/]{43}="#)], boundary: "A-Za-z0-9_+/=",
            examples: [
                .triggering("const azureAppConfig = '.azconfig.io;Id=tF3ReX7Dy;Secret=↓Dvf47vgnN5mcHX5t3t5fR6FdNrsctnh19v1AuOK8ve3=';\n", path: "src/client.ts"),
                .triggering("export AZURE_APP_CONFIG=.azconfig.io;Id=u0wF2;Secret=↓yeDyZu9tsZfrhXQXZ6is/hiuf8kBVlacBGJwvPNgyzu=\n", path: "deploy/run.sh"),
                .passing("label = \".azconfig.io;Id=NG4H2qgd8ZpWB;Secret=CzzjqOpkocKZqk3S2EVQDcpcnvgGRutyVFWK5ekwoQ=\"  # one character short\n", path: "app/labels.py"),
                .passing("AZURE_APP_CONFIG=.azconfig.io;Id=AAAAAAAAA;Secret=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n", path: ".env.example"),
            ]),
        ProviderRule(
            "azure-ad-client-secret", "Microsoft Azure", "Microsoft Entra ID client secret",
            docs: "https://learn.microsoft.com/entra/identity-platform/quickstart-register-app", revoke: "delete the secret under the app registration's Certificates & secrets",
            [("Microsoft Entra ID client secret", #"[A-Za-z0-9_~.]{3}\dQ~[A-Za-z0-9_~.-]{31,34}"#)], boundary: "A-Za-z0-9_~.-",
            examples: [
                .triggering("  \"azure_ad_client_secret\": \"↓ZuL9Q~wQcis8fnhWhTE9UepjmBiR3Dz8eUyjP\",\n", path: "config/settings.json"),
                .triggering("\tazureAdClientSecret := \"↓SSN9Q~HQ4Rflcl_x_Ztzn1sfCPbK4UO5P3.uDV\"\n", path: "cmd/main.go"),
                .passing("label = \"pi~2Q~MeBGXXLRik_9tzjwNWbQs2zWI~hTOG\"  # one character short\n", path: "app/labels.py"),
                .passing("AZURE_AD_CLIENT_SECRET=AAA0Q~AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n", path: ".env.example"),
            ]),
        ProviderRule(
            "azure-devops-pat", "Microsoft Azure", "Azure DevOps personal access token",
            docs: "https://learn.microsoft.com/azure/devops/organizations/accounts/use-personal-access-tokens-to-authenticate", revoke: "revoke it under User settings > Personal access tokens",
            [("Azure DevOps personal access token", #"[A-Za-z0-9]{52}JQQJ99[A-Za-z0-9]{4}AZDO[A-Za-z0-9]{4}"#)],
            examples: [
                .triggering("\tazureDevopsPat := \"↓SmEr7UftZEIOv6xoru8sMJ3bBFK2GywvuseBwEcDcfkp4PpVIrB8JQQJ99ytisAZDOf7YQ\"\n", path: "cmd/main.go"),
                .triggering("AZURE_DEVOPS_PAT=↓GjCclOsbI8fx5HR4iz1dvCuEabF2OjXZPNewzxMmxRSGWGtHPfO1JQQJ99qa08AZDOc4cO\n", path: ".env"),
                .passing("label = \"hQnEwgtmNp7LVpCea4ns7zvql7lTk4WljyKY5GuqBnfeLlRttU4fJQQJ99lzcbAZDOqpJ\"  # one character short\n", path: "app/labels.py"),
                .passing("AZURE_DEVOPS_PAT=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAJQQJ99AAAAAZDOAAAA\n", path: ".env.example"),
            ]),
        ProviderRule(
            "azure-devops-legacy-pat", "Microsoft Azure", "Azure DevOps personal access token, the value assigned to a name holding `azure_devops` or `azuredevops` or `ado_pat` or `ado_token` or `azdo` or `devops_pat` or `devops_token` or `vsts`",
            docs: "https://learn.microsoft.com/azure/devops/organizations/accounts/use-personal-access-tokens-to-authenticate", revoke: "revoke it under User settings > Personal access tokens",
            [
                ("Azure DevOps personal access token", #"[a-z2-7]{52}"#),
            ], names: ["azure_devops", "azuredevops", "ado_pat", "ado_token", "azdo", "devops_pat", "devops_token", "vsts"],
            examples: [
                .triggering("  azure_devops: \"↓jpvayogsicytce2il2w3ujsc7yuqyllxthux4zrglpiihhatz2gt\"\n", path: "config/app.yml"),
                .triggering("AZURE_DEVOPS = \"↓3cvuybuxxv5h27jslpkf6utmdmtx27et7psyconuh2ujsbohaexr\"\n", path: "app/settings.py"),
                .passing("request_id = \"gy4g2a6zb7h5tl245g46wedsuw32nvzkebq4r2uxshsbh2sf7vu6\"\n", path: "app/ids.py"),
                .passing("AZURE_DEVOPS=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n", path: ".env.example"),
            ]),
        ProviderRule(
            "microsoft-teams-webhook", "Microsoft Teams", "Microsoft Teams incoming webhook URL",
            docs: "https://learn.microsoft.com/microsoftteams/platform/webhooks-and-connectors/how-to/add-incoming-webhook", revoke: "remove the connector from the channel",
            [
                ("Microsoft Teams incoming webhook URL", #".webhook.office.com/webhookb2/[a-z0-9-]{36}@[a-z0-9-]{36}/IncomingWebhook/\K[a-z0-9]{32}/[a-z0-9-]{36}"#),
            ], boundary: "A-Za-z0-9_",
            examples: [
                .triggering("MICROSOFT_TEAMS_WEBHOOK = \".webhook.office.com/webhookb2/afcl7tyy4kwkfphdjp2af1k5nug64u272w85@gx070fvx6h8ynr4w6wugd7bnh8u9b2-uyf0s/IncomingWebhook/↓5zlskfy2y1tvmd4xg1wld7c8xhvfjffn/pf-dxzjrfxtmkdgf46zab72lhi7g2a8f9u5i\"\n", path: "app/settings.py"),
                .triggering("const microsoftTeamsWebhook = '.webhook.office.com/webhookb2/ewuisjqbzb0jfw29rog8gq-3cp3yuwqui1hs@wncidm9111fklazjca4ay2o4v7car9gqofp7/IncomingWebhook/↓tzaeqrgecn9vb7zxyidxkc0rlap8211y/93peuh2tasx-06l9exxflje96dvrlcazp1tw';\n", path: "src/client.ts"),
                .passing("label = \".webhook.office.com/webhookb2/z0pxdt9yabbyrfn1quc070918wspl0jwexpx@rwfvq9ni7cjm5ol273a8iaq5ksoivzli1sxg/IncomingWebhook/eg73wfqjv1ijaqns5yo1tusu0ebqbc7x/tx6y2s5huth3o8lrlvxkc42ea6kuuy4ny-b\"  # one character short\n", path: "app/labels.py"),
                .passing("MICROSOFT_TEAMS_WEBHOOK=.webhook.office.com/webhookb2/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa@aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/IncomingWebhook/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n", path: ".env.example"),
            ]),
        ProviderRule(
            "google-api-key", "Google", "Google API key",
            docs: "https://cloud.google.com/docs/authentication/api-keys", revoke: "Google Cloud console: APIs & Services > Credentials",
            [("Google API key", #"AIza[A-Za-z0-9_-]{35}"#)],
            examples: [
                .triggering("<string name=\"maps_key\">↓AIzatfqY6K1Qjah4dXd3eOa1Zcc-a4CgOFfqRgz</string>\n", path: "res/values/keys.xml"),
                .passing("apiKey: \"AIzaSyabcdefghijklmnopqrstuvwxyz1234567\",\n", path: "docs/firebase.md"),
                .passing("GOOGLE_API_KEY=AIza...\n", path: ".env.example"),
                .passing("  apiKey: \"AIzaSyDOCAbC123dEf456GhI789jKl012-MnO\",\n", path: "src/firebase.js"),
            ]),
        ProviderRule(
            "google-oauth-client-secret", "Google", "Google OAuth client secret",
            docs: "https://developers.google.com/identity/protocols/oauth2", revoke: "reset the secret of the OAuth client in the Google Cloud console",
            [("Google OAuth client secret", #"GOCSPX-[A-Za-z0-9_-]{28}"#)],
            examples: [
                .triggering("  \"google_oauth_client_secret\": \"↓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\",\n", path: "config/settings.json"),
                .triggering("\tgoogleOauthClientSecret := \"↓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\"\n", path: "cmd/main.go"),
                .passing("label = \"GOCSPX-VZpaalQARR7IsyaJdglBiuvaE6g\"  # one character short\n", path: "app/labels.py"),
                .passing("GOOGLE_OAUTH_CLIENT_SECRET=GOCSPX-AAAAAAAAAAAAAAAAAAAAAAAAAAAA\n", path: ".env.example"),
            ]),
        ProviderRule(
            "google-oauth-token", "Google", "Google OAuth access token",
            docs: "https://developers.google.com/identity/protocols/oauth2", revoke: "revoke it at https://myaccount.google.com/permissions or through the token revocation endpoint",
            [("Google OAuth access token", #"ya29\.[A-Za-z0-9_-]{30,500}"#)],
            examples: [
                .triggering("export GOOGLE_OAUTH_TOKEN=↓ya29.pyCxbYHkVRlpUNddhj1jOFWStEDv_HVO2CZikjUK\n", path: "deploy/run.sh"),
                .triggering("  \"google_oauth_token\": \"↓ya29.zuadouCcoWluOOq-H1KKDW5q9B4RwS5HdAhlL8-p_\",\n", path: "config/settings.json"),
                .passing("label = \"ya29.t5-3xtmdBqYA5leS5xKE_uuA0zt_w\"  # one character short\n", path: "app/labels.py"),
                .passing("GOOGLE_OAUTH_TOKEN=ya29.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n", path: ".env.example"),
            ]),
        ProviderRule(
            "firebase-cloud-messaging-key", "Google", "Firebase Cloud Messaging server key",
            docs: "https://firebase.google.com/docs/cloud-messaging/auth-server", revoke: "delete the legacy server key in the Firebase console",
            [("Firebase Cloud Messaging server key", #"AAAA[A-Za-z0-9_-]{7}:APA91b[A-Za-z0-9_-]{134}"#)],
            examples: [
                .triggering("export FIREBASE_CLOUD_MESSAGING_KEY=↓AAAAPdT_QNf:APA91bH8ffMqdq4Nqf-DyI3MjVHW_830Idam6oKVRc7aHMjgWTtgrn3NjZPZBJqEBqAtJGjf8Cmk2KMAlna2OT22bKsUZJCguNM7-8_yes9kmPezoYnET0UWrkERzbYEssiTkHfwWrrL\n", path: "deploy/run.sh"),
                .triggering("  \"firebase_cloud_messaging_key\": \"↓AAAAIhjdkxP:APA91bb4RgUUN14lio2LVeDlzicGrbok6DylA342n-LQWn0v3VQoKz45HKIEyTGI-BInqFDCiE1OuyfFumHHKTpSrE9zIHyqThD8AM3vY5IyKQkgMa437WxV6JuFUrHf2NVAsOGCBF4x\",\n", path: "config/settings.json"),
                .passing("label = \"AAAAYfoX9iy:APA91bRnGKo_rGR0LxWvJtIPKSVJ_WXsx6M_sF5RGnjyRwUtOv8Gg0wprUGkR0qIXOQ0tVRg_jXMwh4dpOUwSibl4diWW5PoEyV8B_4TYXo1OiVjFc8U8yEuP9I8eTCgW-6iN2k-a_M\"  # one character short\n", path: "app/labels.py"),
                .passing("FIREBASE_CLOUD_MESSAGING_KEY=AAAAAAAAAAA:APA91bAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n", path: ".env.example"),
            ]),
        ProviderRule(
            "heroku-api-key", "Heroku", "Heroku API key, the value assigned to a name holding `heroku`",
            docs: "https://devcenter.heroku.com/articles/authentication", revoke: "regenerate it under Account settings > API key",
            [("Heroku API key", #"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"#)], names: ["heroku"],
            examples: [
                .triggering("  heroku_api_key: \"↓9bc945e0-a392-046c-3672-71d34c7870e2\"\n", path: "config/app.yml"),
                .triggering("HEROKU_API_KEY = \"↓8c52bdf1-5ed9-8347-40f6-9032424939aa\"\n", path: "app/settings.py"),
                .passing("request_id = \"ec7a7573-f185-93aa-6edf-d2b99b62c002\"\n", path: "app/ids.py"),
                .passing("HEROKU_API_KEY=00000000-0000-0000-0000-000000000000\n", path: ".env.example"),
            ]),
        ProviderRule(
            "heroku-api-key-v2", "Heroku", "Heroku API key",
            docs: "https://devcenter.heroku.com/articles/authentication", revoke: "revoke it with heroku authorizations:revoke",
            [("Heroku API key", #"HRKU-AA[A-Za-z0-9_-]{58}"#)],
            examples: [
                .triggering("export HEROKU_API_KEY_V2=↓HRKU-AAJUywHjji45HgELmSFB0yeyLV18Xas-ULnM8AxdvpMyaOYdFdW8F18zcxux\n", path: "deploy/run.sh"),
                .triggering("  \"heroku_api_key_v2\": \"↓HRKU-AAezP5DzSXK-ANvfNIdzxExconQJ7TySV3xbAH4nwHNvUa8WD4QO_Ld8FAxB\",\n", path: "config/settings.json"),
                .passing("label = \"HRKU-AANciU_Qdy9kWee72yK39YiAZfA92W7CtJvY2ktZI_2iY-vLmKgl-zTX-WD\"  # one character short\n", path: "app/labels.py"),
                .passing("HEROKU_API_KEY_V2=HRKU-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n", path: ".env.example"),
            ]),
        ProviderRule(
            "digitalocean-token", "DigitalOcean", "DigitalOcean token",
            docs: "https://docs.digitalocean.com/reference/api/create-personal-access-token/", revoke: "delete it under API > Tokens",
            [("DigitalOcean token", #"(dop|doo|dor)_v1_[a-f0-9]{64}"#)],
            examples: [
                .triggering("  digitalocean_token: \"↓doo_v1_1cbc3e91bb4b770ad471c5b5c077d792a43b52a9021c7cd7c30310e67970d9c6\"\n", path: "config/app.yml"),
                .triggering("DIGITALOCEAN_TOKEN = \"↓doo_v1_6dfbeab0a27aee15b8fbf8baae5d1e485eacf4aa98f9d017005467cb416af5d5\"\n", path: "app/settings.py"),
                .passing("label = \"dop_v1_a5e205af48368e87360e08b5108d3029d3c7072bdff4f692bc1b92c7df1731b\"  # one character short\n", path: "app/labels.py"),
                .passing("DIGITALOCEAN_TOKEN=dor_v1_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n", path: ".env.example"),
            ]),
        ProviderRule(
            "cloudflare-api-token", "Cloudflare", "Cloudflare API token, the value assigned to a name holding `cloudflare` or `cf_api_token` or `cf_token`",
            docs: "https://developers.cloudflare.com/fundamentals/api/get-started/create-token/", revoke: "roll or delete it under My Profile > API Tokens",
            [("Cloudflare API token", #"[A-Za-z0-9_-]{40}"#)], names: ["cloudflare", "cf_api_token", "cf_token"],
            examples: [
                .triggering("export CLOUDFLARE_API_KEY=↓NBYgmqjyDPr1gBRXw3Sj1ezW3c9ktKmyO9iYolAe\n", path: "deploy/run.sh"),
                .triggering("  \"cloudflare_api_key\": \"↓h9sBmZs-26S2gLBIY8j98cbs7PNLMRJUbDsJJ4OF\",\n", path: "config/settings.json"),
                .passing("request_id = \"-ZQUEbbfEOefeUPmXysn3p2Rp4vTf_p4IVy5osmI\"\n", path: "app/ids.py"),
                .passing("CLOUDFLARE_API_KEY=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n", path: ".env.example"),
            ]),
        ProviderRule(
            "cloudflare-global-api-key", "Cloudflare", "Cloudflare global API key, the value assigned to a name holding `cloudflare` or `cf_api_key` or `cf_key`",
            docs: "https://developers.cloudflare.com/fundamentals/api/get-started/keys/", revoke: "change it under My Profile > API Tokens > Global API Key",
            [("Cloudflare global API key", #"[a-f0-9]{37}"#)], names: ["cloudflare", "cf_api_key", "cf_key"],
            examples: [
                .triggering("const cloudflareApiKey = '↓c806ec0c9f6a067e9aaa826de51cdb8fdf1c5';\n", path: "src/client.ts"),
                .triggering("export CLOUDFLARE_API_KEY=↓c08377560505baaf75894925f748cd1ff3276\n", path: "deploy/run.sh"),
                .passing("request_id = \"668cfad361f2c7885d0dc77c7ebfa57f5a43b\"\n", path: "app/ids.py"),
                .passing("CLOUDFLARE_API_KEY=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n", path: ".env.example"),
            ]),
        ProviderRule(
            "cloudflare-origin-ca-key", "Cloudflare", "Cloudflare Origin CA key",
            docs: "https://developers.cloudflare.com/ssl/origin-configuration/origin-ca/", revoke: "change the Origin CA key under My Profile > API Tokens",
            [("Cloudflare Origin CA key", #"v1.0-[a-f0-9]{24}-[a-f0-9]{146}"#)],
            examples: [
                .triggering("\tcloudflareOriginCaKey := \"↓v1.0-27429fec28779d02d1797837-8bd1e8a69865d395a845f59db479ac027fe698287141e482af9642bd64481c9826a09fd66aec173077eb6db9f767ad3658ea30ee1409f0c3dd71daae0142f7b2163fd1f83b1171336b\"\n", path: "cmd/main.go"),
                .triggering("CLOUDFLARE_ORIGIN_CA_KEY=↓v1.0-c68920b2c807604166d57394-fe5c1095204986d10cedabc1a2e22868a1bbd334bf2562a0b3f840d377422512d7f299646baafdf283e4e9c1636ea7ccf8af7ae637e259e0687dcdf49ca2d97484a67a92185e7b1b4d\n", path: ".env"),
                .passing("label = \"v1.0-b329067a00e1c1f174ad5d99-d9c788bca61282a6a957d9af2d817ed6ad55d0946d931a7d54a9399c041c4106476cc035c2db87664ed573d96d424eabed09f63f67b2ce63fc64e034795fe19cd32ffc7cec2d4ca8e\"  # one character short\n", path: "app/labels.py"),
                .passing("CLOUDFLARE_ORIGIN_CA_KEY=v1.0-aaaaaaaaaaaaaaaaaaaaaaaa-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n", path: ".env.example"),
            ]),
        ProviderRule(
            "alibaba-access-key-id", "Alibaba Cloud", "Alibaba Cloud AccessKey ID",
            docs: "https://www.alibabacloud.com/help/en/ram/user-guide/create-an-accesskey-pair", revoke: "disable and delete the AccessKey pair in the RAM console",
            [("Alibaba Cloud AccessKey ID", #"LTAI[A-Za-z0-9]{12,20}"#)], boundary: "A-Za-z0-9_",
            examples: [
                .triggering("ALIBABA_ACCESS_KEY_ID=↓LTAIiW6yKOlRmLJAJe\n", path: ".env"),
                .triggering("  alibaba_access_key_id: \"↓LTAIq07aYggyoblPs\"\n", path: "config/app.yml"),
                .passing("label = \"LTAIwPmDJTHkCMA\"  # one character short\n", path: "app/labels.py"),
                .passing("ALIBABA_ACCESS_KEY_ID=LTAIAAAAAAAAAAAAAAAAA\n", path: ".env.example"),
            ]),
        ProviderRule(
            "alibaba-access-key-secret", "Alibaba Cloud", "Alibaba Cloud AccessKey secret, the value assigned to a name holding `alibaba` or `aliyun` or `alicloud` or `access_key_secret` or `accesskeysecret`",
            docs: "https://www.alibabacloud.com/help/en/ram/user-guide/create-an-accesskey-pair", revoke: "disable and delete the AccessKey pair in the RAM console",
            [("Alibaba Cloud AccessKey secret", #"[A-Za-z0-9]{30}"#)], names: ["alibaba", "aliyun", "alicloud", "access_key_secret", "accesskeysecret"],
            examples: [
                .triggering("ALIBABA_API_KEY=↓KDXPi71ppNn3pODvJC0pxuaXJtcQJz\n", path: ".env"),
                .triggering("  alibaba_api_key: \"↓rAFPNtLlAtiEoVB4RVdMIuDdhDpPyj\"\n", path: "config/app.yml"),
                .passing("request_id = \"qSpNtM6MJXARmX1KMy51ZgGfFQ0i12\"\n", path: "app/ids.py"),
                .passing("ALIBABA_API_KEY=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n", path: ".env.example"),
            ]),
        ProviderRule(
            "ibm-cloud-api-key", "IBM Cloud", "IBM Cloud API key, the value assigned to a name holding `ibm` or `bluemix`",
            docs: "https://cloud.ibm.com/docs/account?topic=account-userapikey", revoke: "delete it under Manage > Access (IAM) > API keys",
            [("IBM Cloud API key", #"[A-Za-z0-9_-]{44}"#)], names: ["ibm", "bluemix"],
            examples: [
                .triggering("  ibm_api_key: \"↓gni4ms6i3UYW_OYyuAcNCeDDIcNnx9tQwkiUP9HMIx6n\"\n", path: "config/app.yml"),
                .triggering("IBM_API_KEY = \"↓UJC8X9wUlqGyC1nZl2FYRXsSdsl0sralZZeAUQO3Ilvo\"\n", path: "app/settings.py"),
                .passing("request_id = \"PMXHSGMc_iyd9l1h3aVoxHldJXlbWaw1g9Fmrddo-IXU\"\n", path: "app/ids.py"),
                .passing("IBM_API_KEY=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n", path: ".env.example"),
            ]),
        ProviderRule(
            "datadog-api-key", "Datadog", "Datadog API or application key, the value assigned to a name holding `datadog` or `dd_api_key` or `dd_app_key` or `dd_application_key` or `ddapikey`",
            docs: "https://docs.datadoghq.com/account_management/api-app-keys/", revoke: "revoke it under Organization Settings > API Keys",
            [
                ("Datadog API or application key", #"[a-f0-9]{32}"#),
                ("Datadog API or application key", #"[a-f0-9]{40}"#),
            ], names: ["datadog", "dd_api_key", "dd_app_key", "dd_application_key", "ddapikey"],
            examples: [
                .triggering("  datadog_api_key: \"↓71f231d5eaca283ae039f2eb86d127d7\"\n", path: "config/app.yml"),
                .triggering("DATADOG_API_KEY = \"↓fe8058e901d76e958617b1abc149be6bd1693755\"\n", path: "app/settings.py"),
                .passing("request_id = \"e8a4244aba7db519a01c86eacb5d2a0b\"\n", path: "app/ids.py"),
                .passing("DATADOG_API_KEY=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n", path: ".env.example"),
            ]),
        ProviderRule(
            "linode-token", "Akamai Linode", "Linode personal access token, the value assigned to a name holding `linode`",
            docs: "https://techdocs.akamai.com/linode-api/reference/get-started", revoke: "revoke it in Cloud Manager under API Tokens",
            [("Linode personal access token", #"[a-f0-9]{64}"#)], names: ["linode"],
            examples: [
                .triggering("LINODE_API_KEY=↓7d9cc6f192be593b379bebb372c4dc08bdc56638a4de6385a35aad1d9f1beac4\n", path: ".env"),
                .triggering("  linode_api_key: \"↓1df96112b5675ff659a9a5df05953a6d49af5ecb5abbfdf5af8989320b6ec6c1\"\n", path: "config/app.yml"),
                .passing("request_id = \"c0a9feac200c7e1673bb39399a23499116d0f9c74a950efd5a2c191a3b97eace\"\n", path: "app/ids.py"),
                .passing("LINODE_API_KEY=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n", path: ".env.example"),
            ]),
        ProviderRule(
            "vultr-api-key", "Vultr", "Vultr API key, the value assigned to a name holding `vultr`",
            docs: "https://docs.vultr.com/platform/other/api/how-to-use-the-vultr-api", revoke: "regenerate it under Account > API",
            [("Vultr API key", #"[A-Z0-9]{36}"#)], names: ["vultr"],
            examples: [
                .triggering("export VULTR_API_KEY=↓XD6AFXRCUA8RND7G6QQAR0TZHKFKLCK71DQF\n", path: "deploy/run.sh"),
                .triggering("  \"vultr_api_key\": \"↓X6YCWUPQXS938FC5UPQDOU2BI83I3JFC80X7\",\n", path: "config/settings.json"),
                .passing("request_id = \"MMH2RPN7PD6ET5XNT2DJEXMS7U0ZE3N2373B\"\n", path: "app/ids.py"),
                .passing("VULTR_API_KEY=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n", path: ".env.example"),
            ]),
        ProviderRule(
            "scaleway-access-key", "Scaleway", "Scaleway access key",
            docs: "https://www.scaleway.com/en/docs/iam/how-to/create-api-keys/", revoke: "delete the API key in the IAM console",
            [("Scaleway access key", #"SCW[A-Z0-9]{17}"#)], boundary: "A-Za-z0-9_",
            examples: [
                .triggering("  \"scaleway_access_key\": \"↓SCWHWICIQ9HFN4NSM7I8\",\n", path: "config/settings.json"),
                .triggering("\tscalewayAccessKey := \"↓SCWGRIWYWYJML93Z6L8K\"\n", path: "cmd/main.go"),
                .passing("label = \"SCWX75C5ETFD8S2347A\"  # one character short\n", path: "app/labels.py"),
                .passing("SCALEWAY_ACCESS_KEY=SCWAAAAAAAAAAAAAAAAA\n", path: ".env.example"),
            ]),
    ]
}
