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
        usesTimeZone: false)
}
