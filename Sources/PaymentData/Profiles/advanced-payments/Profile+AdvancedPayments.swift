extension Profile {
    /// The advanced-payments platform (seed 004): a single merchant's payment API over customers, orders,
    /// transactions and refunds, DECIMAL dollars, TIMESTAMP (zone-less) or TIMESTAMPTZ, a trigger-written audit_logs
    /// table and outgoing webhook deliveries; its queues live in Redis.
    public static let advancedPayments = Profile(
        name: "advanced-payments",
        summary: "Advanced Payment Processing System (seed 004): single merchant, DECIMAL dollars, trigger-written audit_logs",
        fixtures: [
            Fixture(name: "advanced-payments", sql: SQLFiles.text(PackageResources.advanced_payments_fixture_sql)),
            Fixture(name: "advanced-payments-variant",
                    sql: SQLFiles.text(PackageResources.advanced_payments_variant_fixture_sql)),
        ],
        readModel: SQLFiles.text(PackageResources.advanced_payments_read_model_sql),
        writeHooks: SQLFiles.text(PackageResources.advanced_payments_write_sql),
        indexes: RecommendedIndex.parse(SQLFiles.text(PackageResources.advanced_payments_indexes_sql)),
        signature: Signature(
            required: ["customers.email", "orders.customer_id", "transactions.order_id",
                       "transactions.gateway_transaction_id", "transactions.transaction_type",
                       "transactions.payment_method", "refunds.transaction_id", "audit_logs.entity_type",
                       "audit_logs.old_values", "audit_logs.new_values", "schema_migrations.checksum"],
            absent: ["payment_transactions", "payment_events", "payments", "payment_status_history", "venue_balances",
                     "WalletTransaction", "wallet_transactions"]),
        usesTimeZone: true,
        availability: [
            Availability("Overview", .limited, "counts, revenue and refunds (DECIMAL dollars read as cents), webhook "
                         + "queue; no balance, payout or outbox alarms; failure reasons only where transactions has "
                         + "failure_reason"),
            Availability("Transactions", .available, "purchase, authorize (a hold: processing) and capture "
                         + "transactions; user = the order's customer; one pseudo-venue; TIMESTAMP read in the "
                         + "profile's zone (--timezone)"),
            Availability("Audit trail", .limited, "audit_logs rows about transactions and refunds; UPDATE rows keep "
                         + "no old values (no diff); addresses and user agents only where audit_logs has them"),
            Availability("Suspicious IPs", .limited, "audit rows with an address about failed transactions; needs "
                         + "audit_logs.ip_address (empty on the seed's schema); cards = brand + last 4; no fraud scores"),
            Availability("Queues", .limited, "webhook_deliveries only (retrying = pending, abandoned = failed); no "
                         + "outbox, dead letters or mint queue: Bull queues live in Redis"),
            Availability("Venues", .missing, "single-merchant platform: one pseudo-venue (nil uuid, named in "
                         + "payops.venue_names), no balances, no payouts"),
            Availability("refund", .limited, "pending refunds row (DECIMAL dollars) audited by the platform's own "
                         + "trigger, plus a refund.requested audit row; no outbox: the payment service must pick it up"),
            Availability("payouts", .missing, "no balances to pay out: refused (PX021 payable 0; hooks raise PX060)"),
            Availability("webhook retry", .limited, "webhook_deliveries failed/abandoned → pending; re-sent only when "
                         + "the platform re-enqueues it (its worker reads Bull)"),
            Availability("dead letters", .missing, "no dead-letter table in the database (PX060)"),
            Availability("outbox reset", .missing, "no outbox table in the database (PX060)"),
            Availability("IP block", .available, "payops.ip_blocklist"),
        ],
        demoSQL: SQLFiles.text(PackageResources.advanced_payments_demo_sql))
}
