/// Payment and commerce. `ProviderRule` explains the fields. The formats are public facts;
/// the patterns' wording and the examples are this project's own.
extension ProviderCatalog {
    static let payment: [ProviderRule] = [
        ProviderRule(
            "stripe-key", "Stripe", "Stripe live key",
            docs: "https://docs.stripe.com/keys", revoke: "Stripe Dashboard: Developers > API keys, Roll key",
            [
                ("Stripe live secret key", #"sk_live_[A-Za-z0-9]{20,247}"#),
                ("Stripe live restricted key", #"rk_live_[A-Za-z0-9]{20,247}"#),
            ],
            examples: [
                .triggering("Stripe.apiKey = \"↓sk_live_kDCJ23VmCwykTp4EilsS2aQn\";\n", path: "src/Billing.java"),
                .triggering("STRIPE_KEY=↓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\n", path: ".env"),
                .passing("stripe.api_key = \"sk_test_4eC39HqLyjWDarjtT1zdp7dc\"\n", path: "examples/charge.py"),
                .passing("const stripe = Stripe('pk_live_51jUHc6LZQ9SMDcEVV8bOhUVXo');\n", path: "web/checkout.js"),
            ]),
        ProviderRule(
            "stripe-webhook-secret", "Stripe", "Stripe webhook signing secret",
            docs: "https://docs.stripe.com/webhooks#verify-events", revoke: "roll the endpoint's signing secret in the Dashboard",
            [("Stripe webhook signing secret", #"whsec_[A-Za-z0-9]{32,64}"#)],
            examples: [
                .triggering("  stripe_webhook_secret: \"↓whsec_4E8MIw0ix8FFp3igp8hnwum1GWcL7DVVQR\"\n", path: "config/app.yml"),
                .triggering("STRIPE_WEBHOOK_SECRET = \"↓whsec_6NlUlVemdVXJ94GQA9aav4tCeo6fTcyHWMPonQe0xyV\"\n", path: "app/settings.py"),
                .passing("label = \"whsec_Ty0JYbx6Fyc0iNOmWwTusv62l6yfMrJ\"  # one character short\n", path: "app/labels.py"),
                .passing("STRIPE_WEBHOOK_SECRET=whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n", path: ".env.example"),
            ]),
        ProviderRule(
            "square-token", "Square", "Square access token or application secret",
            docs: "https://developer.squareup.com/docs/build-basics/access-tokens", revoke: "replace it in the Developer Console under Credentials",
            [
                ("Square access token or application secret", #"sq0atp-[A-Za-z0-9_-]{22}"#),
                ("Square access token or application secret", #"sq0csp-[A-Za-z0-9_-]{43}"#),
                ("Square access token or application secret", #"EAAA[A-Za-z0-9_-]{60}"#),
            ],
            examples: [
                .triggering("  square_token: \"↓sq0atp-eFRIs6-Lb6tMboObJhlxXW\"\n", path: "config/app.yml"),
                .triggering("SQUARE_TOKEN = \"↓sq0csp-tbAffcAHfjqqur6r-FVqOsNEMBaEbwTr0RvkGm58VfD\"\n", path: "app/settings.py"),
                .triggering("const squareToken = '↓EAAAihQ3ik6fdQyBgQDbQFYBJgNuoSu7rcHAa9x4cZ4J23Ak1LtqLWZCkMeL7O8J';\n", path: "src/client.ts"),
                .passing("label = \"sq0atp-XCy6BSYvEG9tICVp-QO8y\"  # one character short\n", path: "app/labels.py"),
                .passing("SQUARE_TOKEN=sq0atp-AAAAAAAAAAAAAAAAAAAAAA\n", path: ".env.example"),
            ]),
        ProviderRule(
            "braintree-token", "Braintree / PayPal", "Braintree access token",
            docs: "https://developer.paypal.com/braintree/docs/guides/authorization/overview", revoke: "revoke it in the Braintree Control Panel",
            [("Braintree access token", #"access_token$production$[a-z0-9]{16}$[a-f0-9]{32}"#)],
            examples: [
                .triggering("\tbraintreeToken := \"↓access_token$production$jevi0sjp6nl111uf$dc14e907af0023327cd2504cc7aafcee\"\n", path: "cmd/main.go"),
                .triggering("BRAINTREE_TOKEN=↓access_token$production$xvdx939svezz1nqv$0cdafdfcf50420c92a25592f180904f6\n", path: ".env"),
                .passing("label = \"access_token$production$y1z1uwx1p8w6d9vx$9f2cf67d0fcfdcf9ab9ee34b6bba07e\"  # one character short\n", path: "app/labels.py"),
                .passing("BRAINTREE_TOKEN=access_token$production$aaaaaaaaaaaaaaaa$aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n", path: ".env.example"),
            ]),
        ProviderRule(
            "paypal-client-secret", "PayPal", "PayPal client secret, the value assigned to a name holding `paypal`",
            docs: "https://developer.paypal.com/api/rest/", revoke: "generate a new secret for the app in the Developer Dashboard",
            [("PayPal client secret", #"E[A-Za-z0-9_-]{79}"#)], names: ["paypal"],
            examples: [
                .triggering("\tpaypalApiKey := \"↓EbkmYnJQDSJK1sOhmfCXzofOOZ9RvK_R1Z-C5s0mU6ZAV4Ff_g3rOtIrEW5bz245mpYcYcGsUzLYTM5n\"\n", path: "cmd/main.go"),
                .triggering("PAYPAL_API_KEY=↓ENOJHyoM7IrGKljswWXL33owWuXfl-a5_bvBjwDRErmNqceKQj5NGgH0M-YeIlKpeU_R1G9Hhtfq9WYU\n", path: ".env"),
                .passing("request_id = \"ERJGjQy3JWQkZ44iGoc6vvptPlzCHj6F-FKR7eRuj0lBYcMXi4FfU8L2mqvcoSyArm-omAxFWdAG8Mg2\"\n", path: "app/ids.py"),
                .passing("PAYPAL_API_KEY=EAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n", path: ".env.example"),
            ]),
        ProviderRule(
            "razorpay-key", "Razorpay", "Razorpay live key ID",
            docs: "https://razorpay.com/docs/api/authentication/", revoke: "regenerate the key under Account & Settings > API Keys",
            [("Razorpay live key ID", #"rzp_live_[A-Za-z0-9]{14}"#)],
            examples: [
                .triggering("RAZORPAY_KEY = \"↓rzp_live_DBf3q3VopROE8q\"\n", path: "app/settings.py"),
                .triggering("const razorpayKey = '↓rzp_live_DryBPohqd8h1fQ';\n", path: "src/client.ts"),
                .passing("label = \"rzp_live_EWaW4XzmgRGAV\"  # one character short\n", path: "app/labels.py"),
                .passing("RAZORPAY_KEY=rzp_live_AAAAAAAAAAAAAA\n", path: ".env.example"),
            ]),
        ProviderRule(
            "shopify-token", "Shopify", "Shopify access token or secret",
            docs: "https://shopify.dev/docs/apps/auth", revoke: "uninstall the app or rotate the secret in the Partner Dashboard",
            [("Shopify access token or secret", #"(shpat|shpca|shppa|shpss)_[a-fA-F0-9]{32}"#)],
            examples: [
                .triggering("SHOPIFY_TOKEN = \"↓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\"\n", path: "app/settings.py"),
                .triggering("const shopifyToken = '↓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';\n", path: "src/client.ts"),
                .passing("label = \"shpss_546bE7EBF96ef25fa3dE508af826be7\"  # one character short\n", path: "app/labels.py"),
                .passing("SHOPIFY_TOKEN=shpss_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n", path: ".env.example"),
            ]),
        ProviderRule(
            "flutterwave-key", "Flutterwave", "Flutterwave secret key",
            docs: "https://developer.flutterwave.com/docs/integration-guides/authentication", revoke: "regenerate the keys under Settings > API",
            [("Flutterwave secret key", #"FLWSECK-[a-f0-9]{32}-X"#)],
            examples: [
                .triggering("  flutterwave_key: \"↓FLWSECK-527dc6f2f75652a08460306ecc7aa89f-X\"\n", path: "config/app.yml"),
                .triggering("FLUTTERWAVE_KEY = \"↓FLWSECK-8b87532873849183ed2b326fa3aec901-X\"\n", path: "app/settings.py"),
                .passing("label = \"FLWSECK-3a7f1b036cbd83729b0fb445114fda6-X\"  # one character short\n", path: "app/labels.py"),
                .passing("FLUTTERWAVE_KEY=FLWSECK-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-X\n", path: ".env.example"),
            ]),
        ProviderRule(
            "plaid-secret", "Plaid", "Plaid secret, the value assigned to a name holding `plaid`",
            docs: "https://plaid.com/docs/api/#api-keys-and-access", revoke: "rotate it in the Dashboard under Keys",
            [("Plaid secret", #"[a-f0-9]{30}"#)], names: ["plaid"],
            examples: [
                .triggering("PLAID_API_KEY = \"↓27c5263c08c54ab33184d28f8b14aa\"\n", path: "app/settings.py"),
                .triggering("const plaidApiKey = '↓e6d8413e9ddbf0093871135441fe7c';\n", path: "src/client.ts"),
                .passing("request_id = \"fe8f2db5dcbb53ecc2a99b51b9e80d\"\n", path: "app/ids.py"),
                .passing("PLAID_API_KEY=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n", path: ".env.example"),
            ]),
        ProviderRule(
            "shippo-token", "Shippo", "Shippo live API token",
            docs: "https://docs.goshippo.com/docs/guides_general/authentication/", revoke: "regenerate it under Settings > API",
            [("Shippo live API token", #"shippo_live_[a-f0-9]{40}"#)],
            examples: [
                .triggering("const shippoToken = '↓shippo_live_1857c6f15c5fefd43f99c9d4cec65cdf4ab934b0';\n", path: "src/client.ts"),
                .triggering("export SHIPPO_TOKEN=↓shippo_live_93397709a0757f252ed7a39a0d9ec51a5520eecb\n", path: "deploy/run.sh"),
                .passing("label = \"shippo_live_29c8029a0a0ca4501a1d60e79fe94bd184cf83d\"  # one character short\n", path: "app/labels.py"),
                .passing("SHIPPO_TOKEN=shippo_live_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n", path: ".env.example"),
            ]),
        ProviderRule(
            "easypost-key", "EasyPost", "EasyPost API key",
            docs: "https://docs.easypost.com/docs/authentication", revoke: "disable it under Account Settings > API Keys",
            [("EasyPost API key", #"EZAK[A-Za-z0-9]{54}"#)],
            examples: [
                .triggering("EASYPOST_KEY = \"↓EZAK2KR5dZqLWV1sc0AKn9NCKSE4f3DXxeKPSN21AhzT6eCVKzKMZiyE8p\"\n", path: "app/settings.py"),
                .triggering("const easypostKey = '↓EZAKnPEk96J0m8djiNwoRE6YH6i2HRdQxTxfQmSPWSpjKfGqcIWYi2XnuE';\n", path: "src/client.ts"),
                .passing("label = \"EZAK7b58UEQz4MJYUcNKCIW1Rxa2bYOXOXrSFAcVs4eg4YWfI795Ygcil\"  # one character short\n", path: "app/labels.py"),
                .passing("EASYPOST_KEY=EZAKAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n", path: ".env.example"),
            ]),
        ProviderRule(
            "duffel-token", "Duffel", "Duffel live access token",
            docs: "https://duffel.com/docs/api/overview/making-requests/authentication", revoke: "revoke it in the dashboard under Access tokens",
            [("Duffel live access token", #"duffel_live_[A-Za-z0-9_-]{43}"#)],
            examples: [
                .triggering("DUFFEL_TOKEN = \"↓duffel_live_AdqxvmnQ3QY1X4R-DEqKtbVYSMvb09RZ2g-Ys1-xMIO\"\n", path: "app/settings.py"),
                .triggering("const duffelToken = '↓duffel_live_a196thQR3ILHTrw1LLrPaSdMYD2S18aZ5o0nWi6_e38';\n", path: "src/client.ts"),
                .passing("label = \"duffel_live_4GgeQzGKw7slcTkfyuP8e0W6f3oW75A889xZaADf4A\"  # one character short\n", path: "app/labels.py"),
                .passing("DUFFEL_TOKEN=duffel_live_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n", path: ".env.example"),
            ]),
        ProviderRule(
            "klaviyo-key", "Klaviyo", "Klaviyo private API key",
            docs: "https://developers.klaviyo.com/en/docs/authenticate_", revoke: "revoke it under Settings > API keys",
            [("Klaviyo private API key", #"pk_[a-f0-9]{34}"#)],
            examples: [
                .triggering("KLAVIYO_KEY=↓pk_922bdbb95e82db8a0474d9cd203018bea5\n", path: ".env"),
                .triggering("  klaviyo_key: \"↓pk_bff641ab22d9b3a494474cbc8aa2432407\"\n", path: "config/app.yml"),
                .passing("label = \"pk_1e82354f4f5a8685620d8dbc4474a44ff\"  # one character short\n", path: "app/labels.py"),
                .passing("KLAVIYO_KEY=pk_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n", path: ".env.example"),
            ]),
        ProviderRule(
            "coinbase-secret", "Coinbase", "Coinbase API secret, the value assigned to a name holding `coinbase`",
            docs: "https://docs.cdp.coinbase.com/get-started/docs/cdp-api-keys", revoke: "delete the API key in the developer platform",
            [("Coinbase API secret", #"[A-Za-z0-9+/]{86}=="#)], names: ["coinbase"],
            examples: [
                .triggering("  coinbase_api_key: \"↓wPdGxd9BclbtncICz8vE8GX7UARhzTxz8Y7Uu6Mtkm4R/n1fqY4k3JopGheMsZ1PHSvwCNRQjLePedwiOavBuG==\"\n", path: "config/app.yml"),
                .triggering("COINBASE_API_KEY = \"↓bVdLQ4X54weQKt0MvapMpEdQ1HPInaUMIOaAUXC3v3dVZapgsP4a2a3BAbx99yrUOQ1EI4cbRy2yP80IFsKmo5==\"\n", path: "app/settings.py"),
                .passing("request_id = \"gmOUq314GZ9oz0rLL6YHoUxGg7CwRf603+wNoX3hlbPzVznVAx39xiY6hHJ22rCB88UZzGIGO4EmO9sc2YK7lO==\"\n", path: "app/ids.py"),
                .passing("COINBASE_API_KEY=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==\n", path: ".env.example"),
            ]),
    ]
}
