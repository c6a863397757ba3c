// swift-tools-version:6.0
import PackageDescription

/// Every SQL file PaymentData embeds (payops' own schema and functions, then each profile's files).
let sqlFiles = [
    "SQL/payops-0001-core.sql", "SQL/payops-0002-rollups.sql", "SQL/payops-0003-refund-rollups.sql", "SQL/payops-0004-open-refund-cursor.sql", "SQL/payops-0005-address-hours.sql", "SQL/payops-roles.sql", "SQL/readmodel-helpers.sql", "SQL/readmodel-defaults.sql",
    "SQL/readmodel-change-line.sql",
    "SQL/functions/fn-is-blank.sql", "SQL/functions/fn-money-text.sql", "SQL/functions/fn-trimmed.sql", "SQL/functions/fn-utc-text.sql",
    "SQL/functions/fn-idempotent-replay.sql", "SQL/functions/fn-audit.sql", "SQL/functions/fn-refund.sql",
    "SQL/functions/fn-request-payout.sql", "SQL/functions/fn-lock-decidable-payout.sql",
    "SQL/functions/fn-approve-payout.sql", "SQL/functions/fn-reject-payout.sql", "SQL/functions/fn-retry-webhook.sql",
    "SQL/functions/fn-lock-dead-letters.sql", "SQL/functions/fn-requeue-dead-letter.sql",
    "SQL/functions/fn-requeue-dead-letters.sql", "SQL/functions/fn-requeue-dead-letter-set.sql",
    "SQL/functions/fn-retry-webhook-set.sql", "SQL/functions/fn-requeue-dead-letter-ids.sql",
    "SQL/functions/fn-reset-outbox.sql", "SQL/functions/fn-block-ip.sql", "SQL/functions/fn-unblock-ip.sql",
    "SQL/functions/fn-create-operator.sql",
    "SQL/functions/fn-rollup-minute.sql", "SQL/functions/fn-rollup-hour.sql", "SQL/functions/fn-rollup-changes-to.sql",
    "SQL/functions/fn-rollup-ip-replace.sql", "SQL/functions/fn-rollup-step.sql", "SQL/functions/fn-rollup-rebuild.sql",
    "Profiles/canonical/canonical-fixture.sql", "Profiles/canonical/canonical-read-model.sql",
    "Profiles/canonical/canonical-write.sql", "Profiles/canonical/canonical-indexes.sql",
    "Profiles/tickettoken/tickettoken-fixture.sql", "Profiles/tickettoken/tickettoken-rls-fixture.sql",
    "Profiles/tickettoken/tickettoken-read-model.sql", "Profiles/tickettoken/tickettoken-write.sql",
    "Profiles/tickettoken/tickettoken-indexes.sql", "Profiles/tickettoken/tickettoken-demo.sql",
    "Profiles/wallets/wallets-prisma-fixture.sql",
] + ["stripe-service", "advanced-payments", "revendiste", "wallets"].flatMap { name in
    ["fixture", "variant-fixture", "read-model", "write", "indexes", "demo"].map { "Profiles/\(name)/\(name)-\($0).sql" }
}

/// Profile folders in the works: excluded from the build until they are listed in `sqlFiles` and `Profile.all`.
let pendingProfiles: [String] = []

let package = Package(
    name: "payops",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "payops", targets: ["ConsoleApp"]),
        .executable(name: "payops-bench", targets: ["PayopsBench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibPQ",
            path: "Sources/CLibPQ",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]
        ),
        .systemLibrary(
            name: "CCurses",
            path: "Sources/CCurses",
            providers: [.apt(["libncursesw5-dev"])]
        ),
        .target(
            name: "PaymentData",
            dependencies: ["CLibPQ"],
            path: "Sources/PaymentData",
            // Profiles still being written (not shipped yet) stay out of the build.
            exclude: ["Profiles/READ-MODEL.md"] + pendingProfiles.map { "Profiles/" + $0 },
            // SQL lives in .sql files (one definition per file), compiled in as bytes: PackageResources.<name>.
            resources: sqlFiles.map { .embedInCode($0) }
        ),
        .target(
            name: "Screens",
            dependencies: ["PaymentData"],
            path: "Sources/Screens"
        ),
        // config.toml, read with a real TOML parser.
        .target(name: "ConsoleConfig", dependencies: [.product(name: "TOMLKit", package: "TOMLKit")], path: "Sources/ConsoleConfig"),
        .executableTarget(
            name: "ConsoleApp",
            dependencies: [
                "PaymentData", "Screens", "CCurses", "ConsoleConfig",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Sources/ConsoleApp"
        ),
        .executableTarget(name: "PayopsBench", dependencies: ["PaymentData", "Screens"], path: "Sources/PayopsBench"),
        .target(name: "TestSupport", dependencies: ["PaymentData"], path: "Tests/Support"),
        .testTarget(name: "PaymentDataTests", dependencies: ["PaymentData", "TestSupport"], path: "Tests/PaymentDataTests"),
        .testTarget(name: "ScreensTests", dependencies: ["Screens", "PaymentData", "ConsoleConfig"], path: "Tests/ScreensTests"),
        .testTarget(name: "EndToEndTests", dependencies: ["PaymentData", "TestSupport"], path: "Tests/EndToEndTests"),
    ],
    swiftLanguageModes: [.v6]
)
