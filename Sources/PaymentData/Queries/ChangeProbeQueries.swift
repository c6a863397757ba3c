/// Change probes (README, "### What an idle console costs"): a few index lookups whose answer changes when the data a
/// pane shows may have changed, so that a live refresh reads the pane only then. A probe's answer is a fingerprint:
/// equal fingerprints mean the pane would read the same. What each probe watches:
/// - payments: the newest `updated_at` (every insert and status change);
/// - refunds: the newest `created_at`;
/// - the queues' backlog (the depth statement itself: counts and oldest rows of what waits, stuck rows by age);
/// - integrity findings in the window; for Suspicious IPs the newest audit event (attempts are audit events of
///   failed payments) and the blocklist in force.
/// Rows leaving a sliding window change the figures without any write; the probe leaves them to the next full read
/// (within five minutes): watching the window's oldest row made every probe of a day-old platform with steady
/// history see a change, and the console read the Overview whole six times a minute at 1 M payments (make bench).
/// What a probe does not see (a refund's status alone changing where the platform does not touch the payment, a
/// balance or payout changed without a payment, a fraud score) shows at the next full read, which the console makes
/// at least every five minutes whatever the probe says.
///
/// Probes run only where every lookup is an index probe: the profiles whose payments, refunds and events are one
/// platform table each with a time index (canonical, tickettoken). Elsewhere (a payment is an order joined to its
/// payment, or a ledger) `max(updated_at)` over the read model's view reads every row, and the cost check
/// (CostTests) says so; those profiles refresh by spacing alone.
public enum ChangeProbeQueries {
    /// The profiles whose probes are index lookups.
    public static let profiles: Set<String> = ["canonical", "tickettoken"]

    /// Whether this database's profile has cheap probes (a database without a recorded profile is canonical).
    public static func available() -> Query<Bool> {
        Query("probe.available", """
            SELECT coalesce((SELECT s.value FROM payops.settings s WHERE s.key = 'profile'), 'canonical') = ANY ($1::text[])
            """, ["{" + profiles.sorted().joined(separator: ",") + "}"]) { try $0[0].decode(0) }
    }

    /// The Overview's probe for a window of `windowSeconds` ending now.
    public static func overview(windowSeconds: Int) -> Query<String> {
        let depth = QueueQueries.depth().statements[0]
        return Query(name: "probe.overview", statements: [overviewMarks(windowSeconds: windowSeconds), depth], snapshot: true) {
            results in try fingerprint(results)
        }
    }

    /// The Overview probe's index lookups (its second statement is the queue depth itself).
    public static func overviewMarks(windowSeconds: Int) -> Statement {
        Statement("""
            SELECT concat_ws('|',
                (SELECT max(p.updated_at) FROM payops_read.payments p),
                (SELECT max(r.created_at) FROM payops_read.refunds r),
                (SELECT count(*) || ',' || max(f.at) FROM payops_read.findings f WHERE f.at > now() - make_interval(secs => $1)))
            """, [windowSeconds])
    }

    /// Suspicious IPs' probe for a window of `windowSeconds` ending now.
    public static func suspiciousIPs(windowSeconds: Int) -> Query<String> {
        let sql = """
            SELECT concat_ws('|',
                (SELECT max(p.updated_at) FROM payops_read.payments p),
                (SELECT max(e.created_at) FROM payops_read.events e),
                (SELECT count(*) || ',' || max(b.created_at) FROM payops.ip_blocklist b
                 WHERE b.expires_at IS NULL OR b.expires_at > now()))
            """
        return Query("probe.suspicious", sql) { result in try fingerprint([result]) }   // the same for every window
    }

    /// Every row of every result as text, the depth statement's clock row left out (it is the time of the read).
    static func fingerprint(_ results: [PGResult]) throws -> String {
        var parts: [String] = []
        for result in results {
            for index in 0..<result.count {
                let row = result[index]
                var cells: [String] = []
                for column in result.columns.indices { cells.append(try row.decode(column, as: String?.self) ?? "∅") }
                if cells.first == "clock" { continue }
                parts.append(cells.joined(separator: ","))
            }
        }
        return parts.joined(separator: ";")
    }
}
