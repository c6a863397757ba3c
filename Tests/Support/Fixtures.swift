import PaymentData

/// Small hand-made data sets whose every answer a test can know exactly.
public enum Fixtures {
    /// A deterministic uuid for fixture number `n` of `kind`.
    public static func uuid(_ kind: Int, _ n: Int) -> PGUUID {
        let hex = String(kind, radix: 16)
        let number = String(n, radix: 16)
        let digits = String(repeating: "0", count: 8 - hex.count) + hex
            + String(repeating: "0", count: 24 - number.count) + number
        return PGUUID(digits)!
    }

    /// Inserts a venue and its three balance rows; returns its id.
    @discardableResult
    public static func venue(_ db: PGConnection, _ n: Int, name: String, tier: String = "pro", currency: String = "USD",
                             available: Int64 = 0, pending: Int64 = 0, reserved: Int64 = 0) throws -> PGUUID {
        let id = uuid(1, n)
        try db.query("INSERT INTO venues (id, name, tier, currency) VALUES ($1, $2, $3, $4)", [id, name, tier, currency])
        try db.query("""
            INSERT INTO venue_balances (venue_id, balance_type, amount, currency)
            VALUES ($1, 'available', $2, $5), ($1, 'pending', $3, $5), ($1, 'reserved', $4, $5)
            """, [id, available, pending, reserved, currency])
        return id
    }

    /// Inserts a payment; returns its id.
    @discardableResult
    public static func payment(
        _ db: PGConnection, _ n: Int, venue: PGUUID, at: Timestamp, amount: Int64 = 10_000, status: String = "completed",
        user: PGUUID? = nil, currency: String = "USD", intent: String? = nil, idempotencyKey: PGUUID? = nil,
        failureReason: String? = nil
    ) throws -> PGUUID {
        let id = uuid(2, n)
        try db.query("""
            INSERT INTO payment_transactions (id, venue_id, user_id, amount, currency, status, platform_fee, venue_payout,
                tax_amount, stripe_payment_intent_id, idempotency_key, metadata, created_at, updated_at,
                payment_method_fingerprint)
            VALUES ($1::uuid, $2, $3, $4::bigint, $5, $6, ($4 * 790 + 5000) / 10000, $4 - ($4 * 790 + 5000) / 10000,
                    ($4 * 925 + 5000) / 10000, $7, $8,
                    CASE WHEN $10::text IS NULL THEN '{}'::jsonb ELSE jsonb_build_object('failure_reason', $10::text) END,
                    $9, $9, 'pmfp_' || $1::text)
            """, [id, venue, user ?? uuid(3, n % 7), amount, currency, status, intent ?? "pi_fixture_\(n)",
                  idempotencyKey ?? uuid(4, n), at, failureReason])
        return id
    }

    /// Inserts a payment event.
    public static func event(_ db: PGConnection, payment: PGUUID, type: String, at: Timestamp, ip: String? = nil,
                             userAgent: String? = nil) throws {
        try db.query("""
            INSERT INTO payment_events (payment_id, event_type, ip_address, user_agent, created_at)
            VALUES ($1, $2, $3::inet, $4, $5)
            """, [payment, type, ip, userAgent, at])
    }

    /// Inserts a refund.
    public static func refund(_ db: PGConnection, payment: PGUUID, amount: Int64, status: String = "completed",
                              at: Timestamp, reason: String = "requested_by_customer") throws {
        try db.query("""
            INSERT INTO payment_refunds (transaction_id, amount, reason, status, created_at)
            VALUES ($1, $2, $3, $4, $5)
            """, [payment, amount, reason, status, at])
    }
}
