extension Profile {
    /// Seed 002's payment service: Prisma on PostgreSQL (payments, payment_status_history, idempotency_logs), Decimal
    /// major units, TEXT or UUID ids, camelCase or snake_case columns; one Stripe account, events straight to Kafka.
    public static let stripeService = Profile(
        name: "stripe-service",
        summary: "seed 002's Prisma payment service: payments + status history, Decimal major units, one Stripe account",
        fixtures: [
            Fixture(name: "stripe-service", sql: SQLFiles.text(PackageResources.stripe_service_fixture_sql)),
            Fixture(name: "stripe-service-variant", sql: SQLFiles.text(PackageResources.stripe_service_variant_fixture_sql)),
        ],
        readModel: SQLFiles.text(PackageResources.stripe_service_read_model_sql),
        writeHooks: SQLFiles.text(PackageResources.stripe_service_write_sql),
        indexes: RecommendedIndex.parse(SQLFiles.text(PackageResources.stripe_service_indexes_sql)),
        signature: Signature(
            required: ["payments", "payment_status_history", "idempotency_logs", "payments.amount", "payments.currency",
                       "payments.status", "payment_status_history.reason", "payment_status_history.metadata",
                       "idempotency_logs.key", "idempotency_logs.response"],
            absent: ["payment_transactions", "payment_events", "WalletTransaction", "transactions"]),
        usesTimeZone: true,
        availability: [
            Availability("Overview", .limited, "24 h counts, revenue, refunds and Stripe failure codes; no queues, "
                         + "balances or payouts, so queue health and their alarms stay empty"),
            Availability("Transactions", .limited, "Decimal major units read as cents; no fees, taxes or venues (one "
                         + "pseudo-venue: the Stripe account); AUTHORIZED/CAPTURED show as completed, CANCELLED as cancelled"),
            Availability("Audit trail", .limited, "payment_status_history's status changes are the events (no IP or "
                         + "user agent; the change line says from → to and why); idempotency_logs is searched by "
                         + "key (/) and listed in each payment's timeline"),
            Availability("Suspicious IPs", .missing, "the service stores no client addresses and no fraud checks"),
            Availability("Queues", .missing, "no webhook inbox, outbox, dead letters or mint queue: webhooks are applied "
                         + "on receipt, events go straight to Kafka"),
            Availability("Venues", .missing, "one Stripe account: a single pseudo-venue without balances or payouts"),
            Availability("refund", .missing, "refunds go from the service's API to Stripe; no refund table or queue to "
                         + "write to (PX060)"),
            Availability("payouts", .missing, "no balances in this database: nothing is payable (PX021; hooks PX060)"),
            Availability("webhook retry", .missing, "no webhook inbox (Stripe redelivers failed webhooks itself)"),
            Availability("dead letters", .missing, "no outbox or dead-letter table"),
            Availability("outbox reset", .missing, "no outbox table"),
            Availability("IP block", .limited, "payops.ip_blocklist works, but the service records no addresses to "
                         + "match it against"),
        ],
        demoSQL: SQLFiles.text(PackageResources.stripe_service_demo_sql))
}
