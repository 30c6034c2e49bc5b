/// Chat, collaboration, identity and productivity services. `ProviderRule` explains the fields. The formats are public facts;
/// the patterns' wording and the examples are this project's own.
extension ProviderCatalog {
    static let chat: [ProviderRule] = [
        ProviderRule(
            "slack-token", "Slack", "Slack token",
            docs: "https://api.slack.com/authentication/token-types", revoke: "Slack: the app's OAuth & Permissions or Incoming Webhooks page",
            [
                ("Slack bot token", #"xoxb-[A-Za-z0-9-]{24,250}"#),
                ("Slack user token", #"xoxp-[A-Za-z0-9-]{24,250}"#),
                ("Slack token", #"(xoxa-|xoxr-|xoxe-|xoxs-|xoxo-)[A-Za-z0-9-]{24,250}"#),
                ("Slack configuration token", #"xoxe.(xoxb-|xoxp-)[A-Za-z0-9-]{24,250}"#),
                ("Slack app-level token", #"xapp-[A-Za-z0-9-]{24,250}"#),
                ("Slack webhook URL", #"hooks.slack.com/(services/|workflows/|triggers/)[A-Za-z0-9/]{40,100}"#),
            ],
            examples: [
                .triggering("SLACK_BOT_TOKEN=↓xoxb-703015925953-8768090981729-bc7Hrd0APsmYaUSRCsllZq3Z\n", path: ".env"),
                .triggering("webhook_url: \"https://↓hooks.slack.com/services/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\"\n", path: "alerts.yml"),
                .passing("SLACK_BOT_TOKEN=xoxb-your-bot-token\n", path: ".env.example"),
                .passing("client = WebClient(token=os.environ[\"SLACK_BOT_TOKEN\"])  # xoxb-...\n", path: "bot.py"),
            ]),
        ProviderRule(
            "discord-bot-token", "Discord", "Discord bot token, the value assigned to a name holding `discord`",
            docs: "https://discord.com/developers/docs/reference#authentication", revoke: "reset the token under the application's Bot page",
            [("Discord bot token", #"[MNO][A-Za-z0-9]{23,25}.[A-Za-z0-9_-]{6}.[A-Za-z0-9_-]{27,38}"#)], names: ["discord"],
            examples: [
                .triggering("const discordApiKey = '↓N2JS47rgchPjfya8JMjkC58W.XQMAui.-34idytH-pspzPq1Xj_D1oAzAN1KqLaeY';\n", path: "src/client.ts"),
                .triggering("export DISCORD_API_KEY=↓MdNAyejVyvHrEIZlh5tjxpHSn.yCZhnR.LkIgiZGeJ7gTlgICBPr1zXgZGE-n\n", path: "deploy/run.sh"),
                .passing("request_id = \"MRfPsmGLOTJndmQVJUXw7A2OSu.H4Ma6j.4eM3gP2CpFjWiMtuf_IyOeDoAnW8vIs1\"\n", path: "app/ids.py"),
                .passing("DISCORD_API_KEY=MAAAAAAAAAAAAAAAAAAAAAAAA.AAAAAA.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n", path: ".env.example"),
            ]),
        ProviderRule(
            "discord-client-secret", "Discord", "Discord client secret, the value assigned to a name holding `discord`",
            docs: "https://discord.com/developers/docs/topics/oauth2", revoke: "reset the secret under the application's OAuth2 page",
            [("Discord client secret", #"[A-Za-z0-9_-]{32}"#)], names: ["discord"],
            examples: [
                .triggering("  \"discord_api_key\": \"↓HtmTUrs-M3Gk6EvMq3efNRgWpS90nuCh\",\n", path: "config/settings.json"),
                .triggering("\tdiscordApiKey := \"↓1yNNPGdg7s_v2wBL__d8PPk1-HbBPwYu\"\n", path: "cmd/main.go"),
                .passing("request_id = \"Depwr6RpM8cTR5sOQWSY4n9gGbziXbu-\"\n", path: "app/ids.py"),
                .passing("DISCORD_API_KEY=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n", path: ".env.example"),
            ]),
        ProviderRule(
            "discord-webhook", "Discord", "Discord webhook URL",
            docs: "https://discord.com/developers/docs/resources/webhook", revoke: "delete the webhook in the channel's Integrations",
            [("Discord webhook URL", #"(discord.com|discordapp.com)/api/webhooks/[0-9]{17,20}/[A-Za-z0-9_-]{60,68}"#)], boundary: "A-Za-z0-9_",
            examples: [
                .triggering("DISCORD_WEBHOOK=↓discord.com/api/webhooks/32359817235275528876/CA6al0A5RcERak5kewmN51SUrVrMWyGrQQ20tCkihwgUV9KwfFb9rI5sorbrT\n", path: ".env"),
                .triggering("  discord_webhook: \"↓discord.com/api/webhooks/33465428885898976/gA7GLFrbwJKhYJLxg52_gYQ7k6caX7ullGKmlFvZiv7bW2qURYjdO2WyK4P2FBZPSt\"\n", path: "config/app.yml"),
                .passing("label = \"discordapp.com/api/webhooks/95676545182680237/p99ISWR9peQraKQjjWNKtiwRqwdGldG_NT-PVzY5Nk-CSoov694JAJB-qxn\"  # one character short\n", path: "app/labels.py"),
                .passing("DISCORD_WEBHOOK=discord.com/api/webhooks/00000000000000000000/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n", path: ".env.example"),
            ]),
        ProviderRule(
            "telegram-bot-token", "Telegram", "Telegram bot token",
            docs: "https://core.telegram.org/bots/api#authorizing-your-bot", revoke: "revoke it with @BotFather's /revoke",
            [("Telegram bot token", #"[0-9]{8,10}:AA[A-Za-z0-9_-]{33}"#)],
            examples: [
                .triggering("const telegramBotToken = '↓5480505135:AAbN1M59yf5K1DXlLuES6petS0ITylXame4';\n", path: "src/client.ts"),
                .triggering("export TELEGRAM_BOT_TOKEN=↓59239393:AAsITyvO4CkdF0jDwJXLUDdIFcYhNMijZDj\n", path: "deploy/run.sh"),
                .passing("label = \"2993126909:AAvMtG0AVxtJgmRLyahofTY_OWapWoiMNZ\"  # one character short\n", path: "app/labels.py"),
                .passing("TELEGRAM_BOT_TOKEN=000000000:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n", path: ".env.example"),
            ]),
        ProviderRule(
            "twitch-token", "Twitch", "Twitch client secret or token, the value assigned to a name holding `twitch`",
            docs: "https://dev.twitch.tv/docs/authentication/", revoke: "create a new secret in the Twitch developer console",
            [("Twitch client secret or token", #"[a-z0-9]{30}"#)], names: ["twitch"],
            examples: [
                .triggering("const twitchApiKey = '↓ge8klp3phafxi79ggihzsjvm825dr3';\n", path: "src/client.ts"),
                .triggering("export TWITCH_API_KEY=↓4lh33srux7589ml0eeh93mym4uuvkg\n", path: "deploy/run.sh"),
                .passing("request_id = \"fsmhrmz5w14on28hyzpzqjnfjql4gd\"\n", path: "app/ids.py"),
                .passing("TWITCH_API_KEY=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n", path: ".env.example"),
            ]),
        ProviderRule(
            "twitter-bearer-token", "X (Twitter)", "X bearer token",
            docs: "https://developer.x.com/en/docs/authentication/oauth-2-0/bearer-tokens", revoke: "regenerate it in the developer portal's Keys and tokens",
            [("X bearer token", #"AAAAAAAAAAAAAAAAAAAAA\K[A-Za-z0-9%]{80,120}"#)],
            examples: [
                .triggering("const twitterBearerToken = 'AAAAAAAAAAAAAAAAAAAAA↓9JE8gBPR8peLoIFAJkuKvxvRXvEGmC%A1l94kHv9XrHPpbqId9qvLcPRVHZ6b%2oD923kZmjFbDj2RuQi';\n", path: "src/client.ts"),
                .triggering("export TWITTER_BEARER_TOKEN=AAAAAAAAAAAAAAAAAAAAA↓rXrOEbXFlbqrQVtPpUwYvHajtUOMQWBBy0dcqLUsxAxv6KkU9RYLhVif5UhPbXQ3MwCBZsGrWkdzY7ieLIeT6MDd3Ic\n", path: "deploy/run.sh"),
                .passing("label = \"AAAAAAAAAAAAAAAAAAAAAGamhKGiDK0zo9Je6k8KgmaOQ7cHnwYkpAeF8ffgZ0pvVQtjwAbV4Hs1lH7KXXSMY58OKSF1USvgFPNF\"  # one character short\n", path: "app/labels.py"),
                .passing("TWITTER_BEARER_TOKEN=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n", path: ".env.example"),
            ]),
        ProviderRule(
            "twitter-api-secret", "X (Twitter)", "X API key secret, the value assigned to a name holding `twitter` or `consumer_secret`",
            docs: "https://developer.x.com/en/docs/authentication/oauth-1-0a/api-key-and-secret", revoke: "regenerate it in the developer portal's Keys and tokens",
            [("X API key secret", #"[A-Za-z0-9]{50}"#)], names: ["twitter", "consumer_secret"],
            examples: [
                .triggering("const twitterApiKey = '↓X88UdlUgJuybbUXDldlQJubOBfWjtJ8JzvkJvwCpeDyBP3nkGu';\n", path: "src/client.ts"),
                .triggering("export TWITTER_API_KEY=↓pBfSjJc48wrdlTeePfMksqyAZSpbvly6eVXxSEgb99207YhYra\n", path: "deploy/run.sh"),
                .passing("request_id = \"gJ6lFedMXn0Zm1cpoeWrRRFeeotNkn4nc2AemVc9w0qG8QHglV\"\n", path: "app/ids.py"),
                .passing("TWITTER_API_KEY=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n", path: ".env.example"),
            ]),
        ProviderRule(
            "notion-token", "Notion", "Notion integration token",
            docs: "https://developers.notion.com/docs/authorization", revoke: "refresh the secret under the integration's settings",
            [
                ("Notion integration token", #"secret_[A-Za-z0-9]{43}"#),
                ("Notion integration token", #"ntn_[0-9]{11}[A-Za-z0-9]{35}"#),
            ],
            examples: [
                .triggering("NOTION_TOKEN=↓secret_gJJnNflZ8tFt8F1JZwfhMUCR5Y4mkfuxGpQ481nLqOv\n", path: ".env"),
                .triggering("  notion_token: \"↓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\"\n", path: "config/app.yml"),
                .passing("label = \"secret_UUkPIJ7vW8aVQ9tKvWXVAnSiDw1JKXnQqBeo4O521b\"  # one character short\n", path: "app/labels.py"),
                .passing("NOTION_TOKEN=secret_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n", path: ".env.example"),
            ]),
        ProviderRule(
            "airtable-token", "Airtable", "Airtable personal access token",
            docs: "https://airtable.com/developers/web/guides/personal-access-tokens", revoke: "delete it in the developer hub",
            [("Airtable personal access token", #"pat[A-Za-z0-9]{14}.[a-f0-9]{64}"#)],
            examples: [
                .triggering("  \"airtable_token\": \"↓patN70yenpM1HAyfs.15109c6de47f6986b049723fa5eb7e7c414c9b09b973ad4d20d8a08919c45e71\",\n", path: "config/settings.json"),
                .triggering("\tairtableToken := \"↓patikxxNSGZP6gVQP.501bbe9a617d57e235444482556ac1f1f4c0d7be7863ee1aea362f4529e3bd48\"\n", path: "cmd/main.go"),
                .passing("label = \"patjLAApSU3eaWOW0.3d0a6095d4c3887e2e28f55c2d7ec29bacb8f497a11d7c82da710e7b7ad957a\"  # one character short\n", path: "app/labels.py"),
                .passing("AIRTABLE_TOKEN=patAAAAAAAAAAAAAA.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n", path: ".env.example"),
            ]),
        ProviderRule(
            "linear-key", "Linear", "Linear API key",
            docs: "https://linear.app/developers/graphql", revoke: "revoke it under Settings > API",
            [("Linear API key", #"lin_api_[A-Za-z0-9]{40}"#)],
            examples: [
                .triggering("  linear_key: \"↓lin_api_CrUVNZCyLt0TKNnk35ZHIgmu3RbmibDdLXHGUVtG\"\n", path: "config/app.yml"),
                .triggering("LINEAR_KEY = \"↓lin_api_UQzcZ7kkFuvSalDlX99UyKM537ynZEvw8D5HkK6v\"\n", path: "app/settings.py"),
                .passing("label = \"lin_api_hitmmFJFKl9XPH8uUfsRJ0g1zhpHMeAxkxwKojS\"  # one character short\n", path: "app/labels.py"),
                .passing("LINEAR_KEY=lin_api_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n", path: ".env.example"),
            ]),
        ProviderRule(
            "figma-token", "Figma", "Figma personal access token",
            docs: "https://www.figma.com/developers/api#access-tokens", revoke: "revoke it under Settings > Personal access tokens",
            [("Figma personal access token", #"figd_[A-Za-z0-9_-]{40}"#)],
            examples: [
                .triggering("FIGMA_TOKEN=↓figd_sGoEMd5zD2uRJBtY57r3PRluS-cb5I4jgIbsgx6E\n", path: ".env"),
                .triggering("  figma_token: \"↓figd_lB8qvX7Q1hUzeVwTEW1gyj-h-1wWbtmUYa1bALJe\"\n", path: "config/app.yml"),
                .passing("label = \"figd_mZkh066_95yhvu1Ya34oNHOWyV5Xo_9mZe9RCn-\"  # one character short\n", path: "app/labels.py"),
                .passing("FIGMA_TOKEN=figd_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n", path: ".env.example"),
            ]),
        ProviderRule(
            "contentful-token", "Contentful", "Contentful personal access token",
            docs: "https://www.contentful.com/developers/docs/references/authentication/", revoke: "revoke it under Settings > CMA tokens",
            [("Contentful personal access token", #"CFPAT-[A-Za-z0-9_-]{43}"#)],
            examples: [
                .triggering("CONTENTFUL_TOKEN=↓CFPAT-HlI2iSB8DOw2do8VcT2HyTuLy9gcfSlKvg6aFWuVOnx\n", path: ".env"),
                .triggering("  contentful_token: \"↓CFPAT-kAWWpakeTai6QpgGkr3YwMAUUo8EQIWWFZT0Doro2a-\"\n", path: "config/app.yml"),
                .passing("label = \"CFPAT-5clfQIkNaM9WTXL3ncm24j6GreWiXm9uXGF6zEAV1l\"  # one character short\n", path: "app/labels.py"),
                .passing("CONTENTFUL_TOKEN=CFPAT-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n", path: ".env.example"),
            ]),
        ProviderRule(
            "typeform-token", "Typeform", "Typeform personal access token",
            docs: "https://www.typeform.com/developers/get-started/personal-access-token/", revoke: "delete it under Account > Personal tokens",
            [("Typeform personal access token", #"tfp_[A-Za-z0-9_.=-]{50,70}"#)],
            examples: [
                .triggering("\ttypeformToken := \"↓tfp_t=qokFYtddmdt2HBcjlzrB4dbzF4vAw3BxQvPFrsaHK=fR64RMB9FXELj5y0W\"\n", path: "cmd/main.go"),
                .triggering("TYPEFORM_TOKEN=↓tfp_J4RAk3R1kndEAYLNyecvhV=ahG8RbkoIehoEfO0.Lrhz2Rky7wafV1OD=HpRVl\n", path: ".env"),
                .passing("label = \"tfp_ygXwSJLIPHPZKMl2_WK843Ri=keG.nDeGuoc.EG14yXg2zpoN\"  # one character short\n", path: "app/labels.py"),
                .passing("TYPEFORM_TOKEN=tfp_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n", path: ".env.example"),
            ]),
        ProviderRule(
            "asana-token", "Asana", "Asana personal access token",
            docs: "https://developers.asana.com/docs/personal-access-token", revoke: "revoke it in the developer console",
            [("Asana personal access token", #"(1/|2/)[0-9]{13,19}:[a-f0-9]{32}"#)], boundary: "A-Za-z0-9_",
            examples: [
                .triggering("ASANA_TOKEN=↓1/1612283060035:2ffde6b40d594ec1c1370cc406063428\n", path: ".env"),
                .triggering("  asana_token: \"↓2/223073280524376483:4924f5632f8033fd74ce92381a580ca0\"\n", path: "config/app.yml"),
                .passing("label = \"1/56540215025246:083b5c056f6a811b06b2bd2ae21272c\"  # one character short\n", path: "app/labels.py"),
                .passing("ASANA_TOKEN=1/0000000000000:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n", path: ".env.example"),
            ]),
        ProviderRule(
            "zendesk-token", "Zendesk", "Zendesk API token, the value assigned to a name holding `zendesk`",
            docs: "https://support.zendesk.com/hc/en-us/articles/4408889192858", revoke: "delete it under Admin Center > Apps and integrations > Zendesk API",
            [("Zendesk API token", #"[A-Za-z0-9]{40}"#)], names: ["zendesk"],
            examples: [
                .triggering("ZENDESK_API_KEY = \"↓tqqXbEKtz7AHygtJPF5f0Pc1KHXhAW4egDmhDDaQ\"\n", path: "app/settings.py"),
                .triggering("const zendeskApiKey = '↓BHG6VugTNJypYuOwAkUdbPqF6Bs95ofO13N12anb';\n", path: "src/client.ts"),
                .passing("request_id = \"pV7GIHEJi6SypUOfcme789AzvZq0RSNsKL5cYKot\"\n", path: "app/ids.py"),
                .passing("ZENDESK_API_KEY=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n", path: ".env.example"),
            ]),
        ProviderRule(
            "intercom-token", "Intercom", "Intercom access token, the value assigned to a name holding `intercom`",
            docs: "https://developers.intercom.com/docs/build-an-integration/learn-more/authentication", revoke: "regenerate it in the Developer Hub",
            [("Intercom access token", #"[A-Za-z0-9=_-]{60}"#)], names: ["intercom"],
            examples: [
                .triggering("\tintercomApiKey := \"↓rwTi6a5fkIRFR4GW97d=k4t_gQkWrUGtZhDTICpIsGDF4lyWLm=9sCL57lwJ\"\n", path: "cmd/main.go"),
                .triggering("INTERCOM_API_KEY=↓bwNQQE87igjljzgFERjMgTUx778kWXubaCMZ9fIJHWv7Hk3ynUJYYOoQ-EXi\n", path: ".env"),
                .passing("request_id = \"w6o5QhqDmDyzoUpLFKaTAeHWP985hf-CrcLKn93e482NBH3k9b3p2tFa8xLI\"\n", path: "app/ids.py"),
                .passing("INTERCOM_API_KEY=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n", path: ".env.example"),
            ]),
        ProviderRule(
            "hubspot-token", "HubSpot", "HubSpot private app token",
            docs: "https://developers.hubspot.com/docs/api/private-apps", revoke: "rotate it under the private app's Auth tab",
            [("HubSpot private app token", #"pat-(na1|eu1)-[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}"#)],
            examples: [
                .triggering("  \"hubspot_token\": \"↓pat-na1-3e45d25a-c80a-76e7-7735-dd163258cd46\",\n", path: "config/settings.json"),
                .triggering("\thubspotToken := \"↓pat-eu1-dbce45f0-f93b-1384-4c02-1dc4ffed3bf5\"\n", path: "cmd/main.go"),
                .passing("label = \"pat-na1-e22e9f0d-a4ef-4d03-09a0-4b3c5de8202\"  # one character short\n", path: "app/labels.py"),
                .passing("HUBSPOT_TOKEN=pat-na1-aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa\n", path: ".env.example"),
            ]),
        ProviderRule(
            "dropbox-token", "Dropbox", "Dropbox access token",
            docs: "https://developers.dropbox.com/oauth-guide", revoke: "revoke it with /2/auth/token/revoke or in the App Console",
            [("Dropbox access token", #"sl.[A-Za-z0-9_-]{130,152}"#)],
            examples: [
                .triggering("  \"dropbox_token\": \"↓sl.9zCVIqjx4XkrD0vzdmpOJcEL86xbQnZmaHhr4418ssCEcD5asb5mG5vgFhg2WAgQoTcwDPfxh16Eyxtp9LA1XDeMhhgXKP-sapK0wBxvFPwHiCdjhs_VsNXrVwAJR5kbXh\",\n", path: "config/settings.json"),
                .triggering("\tdropboxToken := \"↓sl.bdJzc4AjmFOhPp1CnQHPkj_MQ68VjJdkovljN2L79oxyentl-c7pDR1Bbw2Ee1xU5DqRTIJTzNamywqW-6YhXmuLJL9IbeqemlPKVpg66pBlejGBMyZwGD2o9xxl6D-Wi0n7jsw\"\n", path: "cmd/main.go"),
                .passing("label = \"sl.b-7HPYV50_2HTMV3LZCLSTH8322hmfh-CkGRTKnUEZ8lJzsF2fuz4T1yIgYNS7vo4taQOvvAFBnJNBFPBT7VsXN5y38Xu7Cgf19TUhKQj1R1qGuXAAP_jUv0LbhuP3cv3\"  # one character short\n", path: "app/labels.py"),
                .passing("DROPBOX_TOKEN=sl.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n", path: ".env.example"),
            ]),
        ProviderRule(
            "mapbox-secret-token", "Mapbox", "Mapbox secret token",
            docs: "https://docs.mapbox.com/accounts/guides/tokens/", revoke: "delete it under Account > Tokens",
            [("Mapbox secret token", #"sk.eyJ[A-Za-z0-9_-]{50,300}.[A-Za-z0-9_-]{20,50}"#)],
            examples: [
                .triggering("const mapboxSecretToken = '↓sk.eyJKGU7BZsNehoox2SUZZFK4KS-vAHyuTvc034cJ4TwZoOxAKVPbiy.VDNxdblNO7dmvqoG-jhHu';\n", path: "src/client.ts"),
                .triggering("export MAPBOX_SECRET_TOKEN=↓sk.eyJbJ1JR8m9SVYjtQydkz0BjhWp_A76hql2Nm7Xo7XG6x2SNDpRko-gGHv3.EXnN6hl8c30Himxa3T2KDpME2Y\n", path: "deploy/run.sh"),
                .passing("label = \"sk.eyJikr0W-1MXP-vSXz1XE-NjvV3cIPmoRNsuWWW1jPkXwj261T9oq2yX4fuB.cqnMb5l-NrUlQGnrfVi\"  # one character short\n", path: "app/labels.py"),
                .passing("MAPBOX_SECRET_TOKEN=sk.eyJAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAAAAAA\n", path: ".env.example"),
            ]),
        ProviderRule(
            "okta-token", "Okta", "Okta API token, the value assigned to a name holding `okta`",
            docs: "https://developer.okta.com/docs/guides/create-an-api-token/", revoke: "revoke it under Security > API > Tokens",
            [("Okta API token", #"00[A-Za-z0-9_-]{40}"#)], names: ["okta"],
            examples: [
                .triggering("\toktaApiKey := \"↓00ytz-qJ8WV8ow4NRig_-Hs4Bq7I7qnttEG--ATcJA\"\n", path: "cmd/main.go"),
                .triggering("OKTA_API_KEY=↓00-2AGX1v2-nxdwfB1WmbD1_BbbfR6lLUxgQ8VKow4\n", path: ".env"),
                .passing("request_id = \"006_0XNnSm9z4m-c-jV8t9S2M5YACdTMQE3tuhsiad\"\n", path: "app/ids.py"),
                .passing("OKTA_API_KEY=00AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n", path: ".env.example"),
            ]),
        ProviderRule(
            "auth0-client-secret", "Auth0", "Auth0 client secret, the value assigned to a name holding `auth0`",
            docs: "https://auth0.com/docs/get-started/applications/rotate-client-secret", revoke: "rotate it under the application's settings",
            [("Auth0 client secret", #"[A-Za-z0-9_-]{64}"#)], names: ["auth0"],
            examples: [
                .triggering("AUTH0_API_KEY = \"↓gR0DSXFZV-IYOI1qlkCsllAKsLh90pSwLq8TKl57mAy6lWVnV4z8JtlbLVB56Zh4\"\n", path: "app/settings.py"),
                .triggering("const auth0ApiKey = '↓UYlexNUJVd-cVaGUklea9EkEw9BThoEtciNrpUVv9NXJCpyx5FZVAzQMqypoJJ2l';\n", path: "src/client.ts"),
                .passing("request_id = \"kA_Ou6w8lDvj3GPiPNWh5jk5RwPZ0HdO3nRM2ojUjzJxE6p1jSAqYIYFG8t6V_dW\"\n", path: "app/ids.py"),
                .passing("AUTH0_API_KEY=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n", path: ".env.example"),
            ]),
        ProviderRule(
            "onepassword-token", "1Password", "1Password service account token or secret key",
            docs: "https://developer.1password.com/docs/service-accounts/", revoke: "revoke the service account token, or regenerate the Secret Key",
            [
                ("1Password service account token or secret key", #"ops_eyJ[A-Za-z0-9+/=]{250,2000}"#),
                ("1Password service account token or secret key", #"A3-[A-Z0-9]{6}-[A-Z0-9]{6}-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5}"#),
            ],
            examples: [
                .triggering("const onepasswordToken = '↓ops_eyJeKTMb5hCLgTRctEqc0ZFob+at3WaQdNbhNK03S5rl6hr45XdNUp27=pK+lgP05Ay3QVn1bExK8uIhIKUguBvbTFffMnz=Ret/JYpCPhl1a=jHwRdF/Mgwcks9jm+6AjFY=TGqRSe1g7GWPG9XLjbJrjoDCqtDVFBKlRrekMdrZsPLUxG0N28oz/jIB9cAZo3wEQNegtTdCU+iQUaTVm7Rs1EXyExnZgaym2lFK3Ks4WBg1DQRzpjKp+slXRlWf8=';\n", path: "src/client.ts"),
                .triggering("export ONEPASSWORD_TOKEN=↓A3-5KJVOS-27LG38-07WS9-2Q87B-NC8FZ-S9I5C\n", path: "deploy/run.sh"),
                .passing("label = \"ops_eyJ6PZW+MdmWkOgyh8mWr3U4Mb/Wxh/EhOGXxBEt0W9NQsDivMF3kFAQUmA86pn8D4OcfnVT6XKSRRBZ26CMSR3iIUUkFgDmbo4j7rL4OfTXftN=WfTJ+ohjbtQi+yI5GvEFDjlnWz1u+Jw4IZE7xkNXIPVsMLcbCnnGDSMlk4G1M/Z5iBk3N+4OIiY0Jp997R+N8rN/nstotZ1tzXXo9FZXkNjCNJigSHWlYInMqNlI=ghWJQdwZk6H0WmE\"  # one character short\n", path: "app/labels.py"),
                .passing("ONEPASSWORD_TOKEN=ops_eyJAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n", path: ".env.example"),
            ]),
        ProviderRule(
            "age-secret-key", "age", "age secret key",
            docs: "https://github.com/FiloSottile/age", revoke: "generate a new identity and re-encrypt what the old one opens",
            [("age secret key", #"AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}"#)],
            examples: [
                .triggering("  age_secret_key: \"↓AGE-SECRET-KEY-1QUQLKJ3PS7UW3DQ9RM02Z42ZTGLFSF0NYSGGP5NCWMJLGQK7WH2T4CPCYK\"\n", path: "config/app.yml"),
                .triggering("AGE_SECRET_KEY = \"↓AGE-SECRET-KEY-1FNHEHR3HRWXFWFEKPDFXF9Y7Y70X0KTRU4UNVJ5KLY0ZYM0G93F3RPPSYW\"\n", path: "app/settings.py"),
                .passing("label = \"AGE-SECRET-KEY-13NNSPT8FNSJHKSR76EZGYZL9LS24XRW92CFUNX44ZGN2CMUAK48CT9YXN\"  # one character short\n", path: "app/labels.py"),
                .passing("AGE_SECRET_KEY=AGE-SECRET-KEY-1QQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQ\n", path: ".env.example"),
            ]),
    ]
}
