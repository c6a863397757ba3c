import PaymentData
import TestSupport

/// The canonical platform as it would be laid out for billions of events (README, "Past one machine"): its
/// payment_events and payment_transactions declaratively partitioned by calendar month (UTC) on created_at, one
/// partition per month from six months back to next month. The platform's own choice, made here by the test as a
/// platform's migration would: payops' install still only reads the catalogue and creates views beside it.
///
/// A partitioned table's primary key must hold its partition key, so payments are keyed (id, created_at), and
/// payment_refunds loses its foreign key to payments (a foreign key needs a unique id alone). Every other column,
/// check and index is the canonical fixture's.
enum PartitionedFixture {
    /// Months of data before now (and the partitions that hold them, plus this month and the next).
    static let monthsBack = 6
    static let payments = 36_000

    /// Partition `payment_events_y2026m09` holds September 2026 (UTC).
    static let partitionPattern = #"(payment_(?:events|transactions)_y\d{4}m\d{2})"#

    /// A fresh database: the canonical fixture, its two big tables partitioned, six months of rows, payops
    /// installed (canonical profile), analysed.
    static func database() throws -> PGConnection {
        let db = try PGConnection(try TestCluster.shared.freshDatabase(.empty))
        try db.execute("SET TimeZone = 'UTC'")
        try db.execute(Profile.canonical.fixtures[0].sql)
        try db.execute(partition)
        try db.execute(seed)
        _ = try Installer(profile: .canonical).install(db)
        try db.execute("ANALYZE; SET jit = off; SET max_parallel_workers_per_gather = 0")
        return db
    }

    /// Rebuilds payment_events and payment_transactions as partitioned tables with the same columns, checks and
    /// indexes, and one partition per month.
    static let partition = """
        ALTER TABLE payment_refunds DROP CONSTRAINT payment_refunds_transaction_id_fkey;

        ALTER TABLE payment_transactions RENAME TO payment_transactions_flat;
        CREATE TABLE payment_transactions (LIKE payment_transactions_flat INCLUDING DEFAULTS INCLUDING CONSTRAINTS)
            PARTITION BY RANGE (created_at);
        DROP TABLE payment_transactions_flat;
        ALTER TABLE payment_transactions ADD PRIMARY KEY (id, created_at),
            ADD FOREIGN KEY (venue_id) REFERENCES venues(id);
        CREATE INDEX payment_transactions_created ON payment_transactions (created_at, id);
        CREATE INDEX payment_transactions_status_created ON payment_transactions (status, created_at, id);
        CREATE INDEX payment_transactions_venue_created ON payment_transactions (venue_id, created_at, id);
        CREATE INDEX payment_transactions_user_created ON payment_transactions (user_id, created_at, id);
        CREATE INDEX payment_transactions_idempotency ON payment_transactions (idempotency_key);
        CREATE INDEX payment_transactions_device ON payment_transactions (device_fingerprint);
        CREATE INDEX payment_transactions_intent ON payment_transactions (stripe_payment_intent_id);
        CREATE INDEX payment_transactions_created_covering ON payment_transactions (created_at) INCLUDE (status, amount, currency);
        CREATE INDEX payment_transactions_failed_covering ON payment_transactions (id)
            INCLUDE (user_id, payment_method_fingerprint) WHERE status = 'failed';

        ALTER TABLE payment_events RENAME TO payment_events_flat;
        CREATE TABLE payment_events (LIKE payment_events_flat INCLUDING DEFAULTS INCLUDING CONSTRAINTS)
            PARTITION BY RANGE (created_at);
        DROP TABLE payment_events_flat;
        ALTER TABLE payment_events ADD PRIMARY KEY (id, created_at);
        CREATE INDEX payment_events_payment ON payment_events (payment_id, created_at);
        CREATE INDEX payment_events_created ON payment_events (created_at, id);
        CREATE INDEX payment_events_type_created ON payment_events (event_type, created_at, id);
        CREATE INDEX payment_events_ip_created ON payment_events (ip_address, created_at);
        CREATE TRIGGER payment_events_immutable BEFORE UPDATE OR DELETE ON payment_events
            FOR EACH ROW EXECUTE FUNCTION payment_events_refuse_change();

        DO $partitions$
        DECLARE
            v_month timestamptz;
        BEGIN
            FOR v_month IN SELECT generate_series(date_trunc('month', now()) - interval '\(monthsBack) months',
                                                  date_trunc('month', now()) + interval '1 month', interval '1 month')
            LOOP
                EXECUTE format('CREATE TABLE %I PARTITION OF payment_events FOR VALUES FROM (%L) TO (%L)',
                               'payment_events_' || to_char(v_month, '"y"YYYY"m"MM'), v_month, v_month + interval '1 month');
                EXECUTE format('CREATE TABLE %I PARTITION OF payment_transactions FOR VALUES FROM (%L) TO (%L)',
                               'payment_transactions_' || to_char(v_month, '"y"YYYY"m"MM'), v_month,
                               v_month + interval '1 month');
            END LOOP;
        END
        $partitions$;
        """

    /// Five venues; \(payments) payments spread evenly over the last \(monthsBack) months (one in ten failed, from
    /// twenty addresses of 203.0.113.0/24, so the Suspicious IPs pane has rows in every window); an event per
    /// payment and one more per failure; a completed refund an hour after each refunded payment; a fraud check
    /// per failure.
    static let seed = """
        INSERT INTO venues (id, name, tier) SELECT md5('venue' || v)::uuid, 'Venue ' || v, 'pro' FROM generate_series(0, 4) v;
        INSERT INTO venue_balances (venue_id, balance_type, amount)
            SELECT id, t, 100000 FROM venues, unnest(ARRAY['available', 'pending', 'reserved']) t;
        INSERT INTO payment_transactions (id, venue_id, user_id, amount, currency, status, payment_method_fingerprint,
                                          metadata, created_at, updated_at)
            SELECT md5('payment' || g)::uuid, md5('venue' || g % 5)::uuid, md5('user' || g % 700)::uuid, 1000 + g % 9000, 'USD',
                   CASE g % 10 WHEN 0 THEN 'failed' WHEN 1 THEN 'pending' WHEN 2 THEN 'refunded' ELSE 'completed' END,
                   'card' || g % 300,
                   CASE WHEN g % 10 = 0 THEN '{"failure_reason": "card_declined"}'::jsonb ELSE '{}' END,
                   at, at
            FROM generate_series(1, \(payments)) g,
                 LATERAL (SELECT now() - (g * \(monthsBack * 30 * 86_400 / payments))::double precision * interval '1 second' AS at) a;
        INSERT INTO payment_events (payment_id, event_type, ip_address, payload, created_at)
            SELECT id, 'payment.created', ('10.0.' || abs(hashtext(id::text)) % 200 || '.1')::inet, '{}'::jsonb, created_at
            FROM payment_transactions
            UNION ALL
            SELECT id, 'payment.failed', ('203.0.113.' || (abs(hashtext(id::text)) % 20))::inet, '{}',
                   created_at + interval '1 second'
            FROM payment_transactions WHERE status = 'failed' AND created_at + interval '1 second' <= now();
        INSERT INTO payment_refunds (transaction_id, amount, reason, status, created_at, completed_at, updated_at)
            SELECT id, amount, 'requested_by_customer', 'completed', created_at + interval '1 hour',
                   created_at + interval '1 hour', created_at + interval '1 hour'
            FROM payment_transactions WHERE status = 'refunded' AND created_at + interval '1 hour' <= now();
        INSERT INTO fraud_checks (payment_id, user_id, ip_address, score, decision, "timestamp")
            SELECT e.payment_id, NULL, e.ip_address, 0.8, 'decline', e.created_at FROM payment_events e
            WHERE e.event_type = 'payment.failed';
        """
}
