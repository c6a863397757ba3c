extension Profile {
    /// TicketToken's payment service (seed 001): DECIMAL cents, enum or varchar statuses, TIMESTAMP (zone-less)
    /// or timestamptz, no venues or payment_events table; optionally multi-tenant with row-level security.
    public static let tickettoken = Profile(
        name: "tickettoken",
        summary: "TicketToken's payment service (seed 001): DECIMAL cents, no venues or payment_events table",
        fixtures: [
            Fixture(name: "tickettoken", sql: SQLFiles.text(PackageResources.tickettoken_fixture_sql)),
            Fixture(name: "tickettoken-rls", sql: SQLFiles.text(PackageResources.tickettoken_rls_fixture_sql)),
        ],
        readModel: SQLFiles.text(PackageResources.tickettoken_read_model_sql),
        writeHooks: SQLFiles.text(PackageResources.tickettoken_write_sql),
        indexes: RecommendedIndex.parse(SQLFiles.text(PackageResources.tickettoken_indexes_sql)),
        signature: Signature(
            required: ["payment_transactions.platform_fee", "payment_refunds.transaction_id", "venue_balances.balance_type",
                       "webhook_inbox.provider", "outbox_dlq.moved_to_dlq_at", "nft_mint_queue.blockchain",
                       "fraud_checks.decision", "payment_event_sequence.sequence_number"],
            absent: ["venues", "payment_events", "venue_payouts"]),
        usesTimeZone: true,
        availability: [
            Availability("Overview", .available, "counts, revenue, refunds, queues; alarms matter here: no CHECK keeps "
                         + "balances >= 0 or refunds <= the payment"),
            Availability("Transactions", .available, "DECIMAL cents read as integer cents; TIMESTAMP read in the "
                         + "profile's zone (--timezone)"),
            Availability("Audit trail", .limited, "no payment_events table: the stream is empty; a payment's timeline "
                         + "comes from its refunds, outbox, webhooks, event sequence and mint jobs"),
            Availability("Suspicious IPs", .limited, "fraud_checks decided decline or challenge are the failed "
                         + "attempts; devices stand in for cards"),
            Availability("Queues", .available, "outbox (when the platform has one), webhook_inbox, outbox_dlq, "
                         + "nft_mint_queue"),
            Availability("Venues", .limited, "no venues table: venue ids from venue_balances; names from "
                         + "payops.venue_names if filled"),
            Availability("refund", .available, "pending payment_refunds row (DECIMAL cents) + outbox event, in the "
                         + "payment's tenant"),
            Availability("payouts", .available, "payops.payout_requests (the platform keeps none), four-eyes, "
                         + "daily limit; approval debits venue_balances"),
            Availability("webhook retry", .available, "webhook_inbox failed → pending"),
            Availability("dead letters", .limited, "requeue into outbox, stamped in payops.dead_letter_requeues "
                         + "(refused where the platform has no outbox)"),
            Availability("outbox reset", .limited, "only where the platform has an outbox table"),
            Availability("IP block", .available, "payops.ip_blocklist"),
        ],
        demoSQL: SQLFiles.text(PackageResources.tickettoken_demo_sql))
}
