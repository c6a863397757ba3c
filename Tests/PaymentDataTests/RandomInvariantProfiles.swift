import PaymentData
import TestSupport

/// What the random invariant test (RandomInvariantTests) needs to know of one platform: which of its tables
/// payops' actions write, and the payment service's own steps where the platform differs. Everything the test
/// only reads goes through the read model (payops_read), one query for every profile.
struct InvariantProfile {
    /// The tables the model has expectations about, by what they hold.
    enum Table: CaseIterable {
        case payments, events, refunds, outbox, deadLetters, webhooks, payouts, balances, audit, blocklist
        /// payops' requeue stamps, for a platform whose dead-letter table has no column for them.
        case requeues

        /// Tables whose content is hashed to tell that a success changed them; the others are append-only (their
        /// row count tells) or never written by an action.
        var hashed: Bool { ![.payments, .events, .audit].contains(self) }
    }

    let name: String
    let database: DatabaseKind
    /// Each table's name in the database; absent where the platform has none.
    let tables: [Table: String]
    /// The tables a refund adds one row to, besides its audit row.
    let refundAdds: Set<Table>
    /// Where a requeue stamps its dead letter, and whether the stamp is a new row (else an update in place).
    let requeueStamp: Table
    let requeueStampAddsRow: Bool
    /// The zone the platform writes its zone-less times in: the superuser session (the payment service) runs in it.
    let timeZone: String?
    /// Adds venue number `n` (Fixtures.uuid(1, n)) with its three balances the platform's way; returns its id.
    let addVenue: (_ db: PGConnection, _ n: Int, _ name: String, _ available: Int64, _ reserved: Int64) throws -> PGUUID
    /// The payment service settles pending refund $1 as $2 ('failed' or 'completed'), moving the payment's status
    /// the platform's way when it completes.
    let settleRefund: String
    /// The ids (payments or venues) of rows the fixture's data breaks an invariant with on purpose, and how many
    /// there must be. The invariants leave them out; the model still predicts every action on them.
    let knownAnomalies: String?
    let knownAnomalyCount: Int

    /// payops' demo platform (canonical-fixture.sql): bigint cents, timestamptz, text statuses, venues, payment
    /// events, payouts in venue_payouts, requeue stamps on outbox_dlq's own columns.
    static var canonical: InvariantProfile {
        InvariantProfile(
            name: "canonical", database: .seeded,
            tables: [
                .payments: "public.payment_transactions", .events: "public.payment_events",
                .refunds: "public.payment_refunds", .outbox: "public.outbox", .deadLetters: "public.outbox_dlq",
                .webhooks: "public.webhook_inbox", .payouts: "public.venue_payouts", .balances: "public.venue_balances",
                .audit: "payops.operator_actions", .blocklist: "payops.ip_blocklist",
                .requeues: "payops.dead_letter_requeues",
            ],
            refundAdds: [.refunds, .events, .outbox],
            requeueStamp: .deadLetters, requeueStampAddsRow: false,
            timeZone: nil,
            addVenue: { db, n, name, available, reserved in
                try Fixtures.venue(db, n, name: name, available: available, reserved: reserved)
            },
            settleRefund: """
                WITH r AS (UPDATE payment_refunds SET status = $2, updated_at = now(),
                               completed_at = CASE WHEN $2 = 'completed' THEN now() END
                           WHERE id = $1 RETURNING transaction_id, amount)
                UPDATE payment_transactions t SET updated_at = now(), status = CASE
                    WHEN (SELECT coalesce(sum(amount), 0) FROM payment_refunds
                          WHERE transaction_id = t.id AND status = 'completed' AND id <> $1) + r.amount >= t.amount
                    THEN 'refunded' ELSE 'partially_refunded' END
                FROM r WHERE t.id = r.transaction_id AND $2 = 'completed'
                """,
            knownAnomalies: nil, knownAnomalyCount: 0)
    }

    /// Seed 001's payment service as the seed writes it (tickettoken-fixture.sql): DECIMAL cents, enum statuses
    /// (the payment's without 'partially_refunded'), TIMESTAMP in America/Chicago, no venues and no payment_events
    /// tables. payops keeps payouts in payops.payout_requests, requeue stamps in payops.dead_letter_requeues and
    /// venue names in payops.venue_names.
    static var tickettoken: InvariantProfile {
        InvariantProfile(
            name: "tickettoken", database: .ticketTokenSeeded,
            tables: [
                .payments: "public.payment_transactions",
                .refunds: "public.payment_refunds", .outbox: "public.outbox", .deadLetters: "public.outbox_dlq",
                .webhooks: "public.webhook_inbox", .payouts: "payops.payout_requests", .balances: "public.venue_balances",
                .audit: "payops.operator_actions", .blocklist: "payops.ip_blocklist",
                .requeues: "payops.dead_letter_requeues",
            ],
            refundAdds: [.refunds, .outbox],
            requeueStamp: .requeues, requeueStampAddsRow: true,
            timeZone: TestCluster.ticketTokenZone,
            addVenue: { db, n, name, available, reserved in
                let id = Fixtures.uuid(1, n)
                try db.query("""
                    INSERT INTO venue_balances (venue_id, balance_type, amount, currency)
                    VALUES ($1::uuid, 'available', $2::bigint, 'USD'), ($1::uuid, 'pending', 0, 'USD'),
                           ($1::uuid, 'reserved', $3::bigint, 'USD')
                    """, [id, available, reserved])
                try db.query("INSERT INTO payops.venue_names (venue_id, name, tier) VALUES ($1, $2, 'pro')", [id, name])
                return id
            },
            // The seed's payment status has no 'partially_refunded': a payment stays 'completed' until its
            // completed refunds cover it, then it is 'refunded'. Statuses are enums, amounts DECIMAL.
            settleRefund: """
                WITH r AS (UPDATE payment_refunds SET status = $2::payment_refunds_status, updated_at = now(),
                               completed_at = CASE WHEN $2::payment_refunds_status = 'completed' THEN now() END
                           WHERE id = $1 RETURNING transaction_id, amount)
                UPDATE payment_transactions t SET updated_at = now(), status = CASE
                    WHEN (SELECT coalesce(sum(amount), 0) FROM payment_refunds
                          WHERE transaction_id = t.id AND status = 'completed' AND id <> $1) + r.amount >= t.amount
                    THEN 'refunded' ELSE t.status END
                FROM r WHERE t.id = r.transaction_id AND $2::payment_refunds_status = 'completed'
                """,
            // tickettoken-demo.sql's two deliberate anomalies (the Overview's alarms fire on the demo): the venue
            // whose available balance is -12345 cents, and the payment over-refunded by 're_payops_demo_over_refund'.
            knownAnomalies: """
                SELECT venue_id FROM payops_read.balances WHERE balance_type = 'available' AND amount = -12345
                UNION ALL
                SELECT transaction_id FROM public.payment_refunds WHERE stripe_refund_id = 're_payops_demo_over_refund'
                """,
            knownAnomalyCount: 2)
    }
}
