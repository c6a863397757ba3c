extension Profile {
    /// The wallets platform (seed 003): a NestJS + Prisma wallet backend whose payments are orders paid from a wallet
    /// or through Stripe, with an immutable wallet ledger; Decimal(12,2) dollars, Prisma enums, TIMESTAMP(3) in UTC.
    public static let wallets = Profile(
        name: "wallets",
        summary: "NestJS + Prisma wallet backend (seed 003): orders, wallets and their ledger in dollars, no events table",
        fixtures: [
            Fixture(name: "wallets", sql: SQLFiles.text(PackageResources.wallets_fixture_sql)),
            Fixture(name: "wallets-variant", sql: SQLFiles.text(PackageResources.wallets_variant_fixture_sql)),
            Fixture(name: "wallets-prisma", sql: SQLFiles.text(PackageResources.wallets_prisma_fixture_sql)),
        ],
        readModel: SQLFiles.text(PackageResources.wallets_read_model_sql),
        writeHooks: SQLFiles.text(PackageResources.wallets_write_sql),
        indexes: RecommendedIndex.parse(SQLFiles.text(PackageResources.wallets_indexes_sql)),
        signature: Signature(
            required: ["users.role", "users.email", "wallets.balance", "wallets.currency", "wallet_transactions.type",
                       "wallet_transactions.status", "wallet_transactions.amount", "wallet_transactions.balance_before",
                       "wallet_transactions.balance_after", "wallet_transactions.reference_id", "products.price",
                       "orders.payment_method", "orders.idempotency_key", "orders.merchant_id"],
            absent: ["payment_transactions", "payment_refunds", "venue_balances", "venues", "payment_events", "payments",
                     "transactions", "audit_logs", "payment_status_history"]),
        usesTimeZone: true,
        availability: [
            Availability("Overview", .limited, "counts, revenue, refunds, failure reasons; no queues; ledger alarms for "
                         + "rows whose balance_after <> balance_before +/- amount and wallets that are not their last row"),
            Availability("Transactions", .limited, "orders as payments, dollars read as cents; no fees or tax; CANCELLED "
                         + "shows as cancelled; no partially_refunded status (a partly refunded order stays completed)"),
            Availability("Audit trail", .limited, "order creations and the ledger rows about orders; no payment_events: "
                         + "deposits, withdrawals and payout debits belong to no payment and are left out"),
            Availability("Suspicious IPs", .limited, "failed or cancelled orders whose metadata carries ipAddress (the "
                         + "platform records no addresses of its own); no card fingerprints, no fraud checks"),
            Availability("Queues", .missing, "no outbox, webhook inbox, dead letters or mint queue: Stripe webhooks are "
                         + "handled in memory"),
            Availability("Venues", .limited, "venues are merchants and their wallets: available balance, a locked "
                         + "wallet's balance as reserved, no pending; tiers only from payops.venue_names"),
            Availability("refund", .limited, "wallet-paid orders only, completed at once: merchant wallet debited, buyer "
                         + "wallet credited, two ledger rows, in one transaction; gateway orders refused (PX060)"),
            Availability("payouts", .available, "payops.payout_requests (the platform keeps none), four-eyes, daily "
                         + "limit; approval debits the merchant's wallet with a WITHDRAWAL ledger row"),
            Availability("webhook retry", .missing, "no webhook inbox on this platform (PX060)"),
            Availability("dead letters", .missing, "no outbox or dead letters on this platform (PX060)"),
            Availability("outbox reset", .missing, "no outbox on this platform (PX060)"),
            Availability("IP block", .available, "payops.ip_blocklist"),
        ],
        demoSQL: SQLFiles.text(PackageResources.wallets_demo_sql))
}
