extension Profile {
    /// payops' own demo platform: seed 001's names plus seed 000's audit log, bigint cents, timestamptz.
    public static let canonical = Profile(
        name: "canonical",
        summary: "payops' demo platform (seed 001 names, seed 000's payment_events, bigint cents, timestamptz)",
        fixtures: [Fixture(name: "canonical", sql: SQLFiles.text(PackageResources.canonical_fixture_sql))],
        readModel: SQLFiles.text(PackageResources.canonical_read_model_sql),
        writeHooks: SQLFiles.text(PackageResources.canonical_write_sql),
        indexes: RecommendedIndex.parse(SQLFiles.text(PackageResources.canonical_indexes_sql)),
        signature: Signature(
            required: ["venues.tier", "payment_transactions.amount", "payment_events.ip_address", "payment_refunds",
                       "venue_balances", "venue_payouts.requested_by", "outbox", "outbox_dlq.requeued_at", "webhook_inbox",
                       "nft_mint_queue", "fraud_checks.payment_id", "payment_event_sequence"],
            absent: []),
        usesTimeZone: false,
        availability: [
            Availability("Overview", .available, "24 h counts, revenue, refunds, failure reasons, queues, alarms"),
            Availability("Transactions", .available, "keyset pages, filters, search, detail and full timeline"),
            Availability("Audit trail", .available, "payment_events stream and the operator log"),
            Availability("Suspicious IPs", .available, "payment_events of failed payments per IP (seed 000)"),
            Availability("Queues", .available, "outbox, webhook_inbox, outbox_dlq, nft_mint_queue"),
            Availability("Venues", .available, "venues with names, balances, venue_payouts"),
            Availability("refund", .available, "pending payment_refunds row + payment_events + outbox event"),
            Availability("payouts", .available, "venue_payouts, four-eyes, daily limit"),
            Availability("webhook retry", .available, "webhook_inbox failed → pending"),
            Availability("dead letters", .available, "requeue into outbox, stamped on outbox_dlq"),
            Availability("outbox reset", .available, "stuck rows back to 0 attempts"),
            Availability("IP block", .available, "payops.ip_blocklist"),
        ])
}
