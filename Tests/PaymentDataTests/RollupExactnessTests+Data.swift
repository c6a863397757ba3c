import PaymentData
import Testing

/// How one platform writes what the exactness test needs: a payment, a status change, a failed attempt (with
/// its time), a refund. `at(instant)` turns a timestamptz SQL expression into the platform's own time type.
struct RollupPlatform: Sendable, CustomTestStringConvertible {
    let fixture: String
    let setup: String
    let statuses: [String]
    let at: @Sendable (_ instant: String) -> String
    /// A payment row; `updated` is an SQL time expression.
    let payment: @Sendable (_ p: RollupRun.Payment, _ created: String, _ updated: String) -> String
    let status: @Sendable (_ id: String, _ status: String, _ metadata: String, _ updated: String) -> String
    /// A failed attempt from `ip` about payment `p` at `at` (canonical: an audit event, which counts while the
    /// payment is failed; tickettoken: a declined fraud check).
    let attempt: @Sendable (_ p: RollupRun.Payment, _ ip: String, _ at: String) -> String
    /// A refund `refundID` of payment `id` in `status`, created at the SQL time `created` (nil: no refunds here).
    let refund: (@Sendable (_ refundID: String, _ id: String, _ amount: Int, _ status: String, _ created: String) -> String)?
    /// A refund's status change (pending → processing → completed or failed).
    let refundStatus: (@Sendable (_ refundID: String, _ status: String) -> String)?

    var testDescription: String { fixture }

    /// `ago` seconds before now(), in the platform's own time type.
    func time(_ ago: Int) -> String { at("(now() - interval '\(ago) seconds')") }

    static let venue = "0b0b0b0b-0000-4000-8000-000000000001"

    static let canonical = RollupPlatform(
        fixture: "canonical",
        setup: "INSERT INTO venues (id, name, tier) VALUES ('\(venue)', 'Rollup Hall', 'pro');",
        statuses: ["pending", "processing", "completed", "failed", "refunded", "partially_refunded"],
        at: { $0 },
        payment: { p, created, updated in
            """
            INSERT INTO payment_transactions (id, venue_id, user_id, amount, currency, status, payment_method_fingerprint,
                                              metadata, created_at, updated_at)
            VALUES ('\(p.id)', '\(venue)', '\(p.user)', \(p.amount), '\(p.currency)', '\(p.status)', '\(p.card)',
                    '\(p.metadata)'::jsonb, \(created), \(updated));
            """
        },
        status: { id, status, metadata, updated in
            "UPDATE payment_transactions SET status = '\(status)', metadata = '\(metadata)'::jsonb, updated_at = \(updated) WHERE id = '\(id)';"
        },
        attempt: { p, ip, at in
            "INSERT INTO payment_events (payment_id, event_type, ip_address, created_at) VALUES ('\(p.id)', 'payment.attempted', '\(ip)', \(at));"
        },
        refund: { refundID, id, amount, status, created in
            """
            INSERT INTO payment_refunds (id, transaction_id, amount, reason, status, created_at)
            VALUES ('\(refundID)', '\(id)', \(amount), 'duplicate', '\(status)', \(created));
            """
        },
        refundStatus: { refundID, status in
            "UPDATE payment_refunds SET status = '\(status)' WHERE id = '\(refundID)';"
        })

    static let tickettoken: RollupPlatform = {
        let zone = "America/Chicago"
        return RollupPlatform(
            fixture: "tickettoken",
            setup: "",
            statuses: ["pending", "processing", "completed", "failed", "refunded"],
            at: { "(\($0) AT TIME ZONE '\(zone)')" },
            payment: { p, created, updated in
                """
                INSERT INTO payment_transactions (id, user_id, amount, currency, status, payment_method_fingerprint, metadata,
                                                  created_at, updated_at)
                VALUES ('\(p.id)', '\(p.user)', \(p.amount), '\(p.currency)', '\(p.status)', '\(p.card)', '\(p.metadata)'::jsonb,
                        \(created), \(updated));
                """
            },
            status: { id, status, metadata, updated in
                "UPDATE payment_transactions SET status = '\(status)', metadata = '\(metadata)'::jsonb, updated_at = \(updated) WHERE id = '\(id)';"
            },
            attempt: { p, ip, at in
                """
                INSERT INTO fraud_checks (user_id, device_fingerprint, ip_address, score, decision, "timestamp")
                VALUES ('\(p.user)', '\(p.card)', '\(ip)', 0.50, 'decline', \(at));
                """
            },
            refund: nil, refundStatus: nil)
    }()
}

/// A seeded random history and rounds of changes, as SQL scripts.
struct RollupRun {
    struct Payment {
        var id: String
        var user: String
        var card: String
        var amount: Int
        var currency: String
        var status: String
        var reason: String?
        var metadata: String { reason.map { "{\"failure_reason\": \"\($0)\"}" } ?? "{}" }
    }

    let platform: RollupPlatform
    private var state: UInt64
    private(set) var payments: [Payment] = []
    /// Refunds not yet final (their ids), which a round may move on.
    private(set) var openRefunds: [String] = []
    static let refundStatuses = ["pending", "processing", "completed", "failed"]

    init(platform: RollupPlatform, seed: UInt64) {
        self.platform = platform
        state = seed
    }

    /// SplitMix64.
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }

    mutating func uuid() -> String {
        let a = next(), b = next()
        let hex = String(a, radix: 16).leftPadded(16) + String(b, radix: 16).leftPadded(16)
        let c = Array(hex)
        return "\(String(c[0..<8]))-\(String(c[8..<12]))-4\(String(c[13..<16]))-8\(String(c[17..<20]))-\(String(c[20..<32]))"
    }

    static let ips = ["10.0.0.1", "10.0.0.2", "10.0.0.3", "192.0.2.7", "198.51.100.9", "2001:db8::5"]
    static let users = (1...12).map { "00000000-0000-4000-8000-\(String(format12: $0))" }
    static let reasons = ["card_declined", "insufficient_funds", "expired_card", "fraud_suspected"]

    mutating func newPayment() -> Payment {
        let status = platform.statuses[below(platform.statuses.count)]
        return Payment(id: uuid(), user: Self.users[below(Self.users.count)], card: "card_\(below(8))",
                       amount: 100 + below(100_000), currency: below(4) == 0 ? "EUR" : "USD", status: status,
                       reason: status == "failed" && below(5) > 0 ? Self.reasons[below(Self.reasons.count)] : nil)
    }

    /// `count` payments over the last 26 hours, each with 0–3 attempts a few seconds after it.
    mutating func history(count: Int) -> String {
        var sql = ""
        for _ in 0..<count {
            let payment = newPayment()
            let ago = 60 + below(26 * 3600)
            sql += platform.payment(payment, platform.time(ago), platform.time(ago)) + "\n"
            for _ in 0..<below(4) {
                sql += platform.attempt(payment, Self.ips[below(Self.ips.count)], platform.time(max(0, ago - below(50)))) + "\n"
            }
            // One payment in five has one or two refunds (of any status), a little after it.
            if platform.refund != nil, below(5) == 0 {
                for _ in 0...below(2) { sql += refund(of: payment, created: platform.time(max(0, ago - 5 - below(600)))) }
            }
            payments.append(payment)
        }
        return sql
    }

    /// `changes` random writes, all stamped now: new payments, late payments (an old created_at), status
    /// changes, attempts, refunds.
    mutating func round(changes: Int) -> String {
        var sql = ""
        for _ in 0..<changes {
            let dice = below(100)
            if dice < 25 || payments.isEmpty {
                let payment = newPayment()
                sql += platform.payment(payment, platform.time(below(5)), platform.time(0)) + "\n"
                sql += platform.attempt(payment, Self.ips[below(Self.ips.count)], platform.time(0)) + "\n"
                payments.append(payment)
            } else if dice < 40 {
                // A late row: created hours ago, written now (its attempts with it, at their old time, on canonical).
                let payment = newPayment()
                let ago = below(25 * 3600)
                sql += platform.payment(payment, platform.time(ago), platform.time(0)) + "\n"
                if platform.refund != nil {
                    sql += platform.attempt(payment, Self.ips[below(Self.ips.count)], platform.time(ago)) + "\n"
                }
                payments.append(payment)
            } else if dice < 80 {
                let index = below(payments.count)
                let status = platform.statuses[below(platform.statuses.count)]
                payments[index].status = status
                payments[index].reason = status == "failed" ? Self.reasons[below(Self.reasons.count)] : nil
                sql += platform.status(payments[index].id, status, payments[index].metadata, platform.time(0)) + "\n"
            } else if dice < 93 {
                let payment = payments[below(payments.count)]
                sql += platform.attempt(payment, Self.ips[below(Self.ips.count)], platform.time(0)) + "\n"
            } else if platform.refund != nil, dice < 97 || openRefunds.isEmpty {
                sql += refund(of: payments[below(payments.count)], created: platform.time(0))
            } else if let refundStatus = platform.refundStatus {
                // An open refund moves on: processing (still open), completed or failed (final).
                let index = below(openRefunds.count)
                let status = Self.refundStatuses[1 + below(3)]
                sql += refundStatus(openRefunds[index], status) + "\n"
                if status != "processing" { openRefunds.remove(at: index) }
            }
        }
        return sql
    }

    /// A refund of `payment` (up to its amount, so that two can refund more than was paid) in a random status.
    mutating func refund(of payment: Payment, created: String) -> String {
        guard let refund = platform.refund else { return "" }
        let id = uuid(), status = Self.refundStatuses[below(Self.refundStatuses.count)]
        if status == "pending" || status == "processing" { openRefunds.append(id) }
        return refund(id, payment.id, 1 + below(payment.amount), status, created) + "\n"
    }
}

private extension String {
    func leftPadded(_ width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
    init(format12 value: Int) { self = String(value).leftPadded(12) }
}
