extension Profile {
    /// Revendiste's ticket-resale marketplace (seed 000): payments in major units with their orders, and the
    /// payment_events audit log (IP as text); no venues, balances, payouts, outbox or webhook inbox.
    public static let revendiste = Profile(
        name: "revendiste",
        summary: "Revendiste's ticket resale (seed 000): numeric major units, payment_events audit log, events as venues",
        fixtures: [
            Fixture(name: "revendiste", sql: SQLFiles.text(PackageResources.revendiste_fixture_sql)),
            Fixture(name: "revendiste-variant", sql: SQLFiles.text(PackageResources.revendiste_variant_fixture_sql)),
        ],
        readModel: SQLFiles.text(PackageResources.revendiste_read_model_sql),
        writeHooks: SQLFiles.text(PackageResources.revendiste_write_sql),
        indexes: RecommendedIndex.parse(SQLFiles.text(PackageResources.revendiste_indexes_sql)),
        signature: Signature(
            required: ["payments.provider_payment_id", "payments.order_id", "payments.payer_document",
                       "payment_events.from_status", "payment_events.event_data", "orders.platform_commission",
                       "orders.vat_on_commission", "orders.reservation_expires_at", "events.external_url"],
            absent: ["payment_transactions", "payment_status_history", "wallet_transactions", "transactions", "customers"]),
        usesTimeZone: false,
        availability: [
            Availability("Overview", .limited, "counts, revenue, refunds and failure reasons (major units read as cents; "
                         + "paid = completed, cancelled and expired = cancelled); no balances, payouts or queues to alarm on"),
            Availability("Transactions", .available, "payments with their orders; venue = the order's event; refunds are "
                         + "refund_initiated events; no idempotency keys; search takes dLocal's DP-… ids"),
            Availability("Audit trail", .available, "payment_events as the platform writes them (from/to status in the "
                         + "payload) and the operator log"),
            Availability("Suspicious IPs", .available, "seed 000's query: events of failed payments per address, webhooks "
                         + "included; fraud scores from fraud_check_failed events; unreadable ip_address text skipped"),
            Availability("Queues", .missing, "no outbox, webhook inbox, dead letters or mint queue: webhooks are handled as "
                         + "they arrive and logged as payment_events"),
            Availability("Venues", .limited, "the events that have orders stand for venues; no balances or payout history "
                         + "(sellers are paid per sold ticket)"),
            Availability("refund", .limited, "a pending refund_initiated payment_events row (major units); no outbox: the "
                         + "refund is executed at the provider and completed by a refund_completed row"),
            Availability("payouts", .missing, "no balances or payout table: requests are refused (nothing payable), the "
                         + "hooks raise PX060"),
            Availability("webhook retry", .missing, "no webhook inbox with statuses to retry (PX060)"),
            Availability("dead letters", .missing, "no outbox or dead-letter table (PX060)"),
            Availability("outbox reset", .missing, "no outbox table (PX060)"),
            Availability("IP block", .available, "payops.ip_blocklist"),
        ],
        demoSQL: SQLFiles.text(PackageResources.revendiste_demo_sql))
}
