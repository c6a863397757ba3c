import PaymentData
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// The figures a person reads on a pane, as the database says they should be when the test looks: each one is
/// computed through the read model (`payops_read`) with the test's own SQL (not the console's `Query` values) and
/// written the way the panes write it (`1,234`, `$1,234.56`). The Overview and Suspicious IPs read up to now, so
/// their windows slide while a test runs; a check is therefore recomputed on every look (`wait`), and the console
/// refreshes by itself every 2 s. Each check also refuses a vacuous reading: an empty window is a failure (the
/// data was anchored away from the test's clock), not an agreement on zeros.
struct ScreenFigures {
    let db: PGConnection

    init(_ conninfo: String) throws { db = try PGConnection(conninfo) }

    /// The addresses the demo generator's attackers use (canonical seed and every profile converted from it).
    static let attackers: Set<String> = ["203.0.113.17", "203.0.113.42", "203.0.113.99", "198.51.100.23",
                                         "2001:db8:bad:1::66", "203.0.113.200", "198.51.100.7", "198.51.100.151"]

    /// Polls the screen until `mismatches` (recomputed against the database on every look) finds none; on timeout
    /// fails with the last mismatches and the screen. A `FigureError` thrown by `mismatches` ends the wait at once.
    @discardableResult
    static func wait(_ tmux: TmuxSession, _ what: String, seconds: Double = 20,
                     _ mismatches: (String) throws -> [String]) throws -> String {
        let deadline = monotonicMilliseconds() + Int(seconds * 1000)
        var screen = "", last: [String] = []
        while monotonicMilliseconds() < deadline {
            screen = tmux.screen()
            last = try mismatches(screen)
            if last.isEmpty { return screen }
            usleep(200_000)
        }
        throw FigureError("\(what): after \(seconds) s the screen still differs from the database:\n  "
            + last.joined(separator: "\n  ") + "\nthe screen was:\n\(screen)")
    }

    // MARK: Overview (last 24 h up to now)

    /// The Overview's header over its 24 h window: the payments line (total and each status's count), the failed
    /// count, the top failure reasons, revenue per currency and the refunds line.
    func overview(_ screen: String) throws -> [String] {
        let window = "created_at > now() - interval '24 hours' AND created_at <= now()"
        let counts: [(String, Int)] = try db.query("""
            SELECT status, count(*)::int FROM payops_read.payments WHERE \(window) GROUP BY status ORDER BY status
            """).map { try ($0.decode(0), $0.decode(1)) }
        let total = counts.reduce(0) { $0 + $1.1 }
        guard total > 0 else {
            throw FigureError("the read model holds no payment in the last 24 h: the data is not anchored at the test's "
                + "clock, so the Overview's window is empty. The screen was:\n\(screen)")
        }
        var problems: [String] = []
        func expect(_ label: String, _ check: ([String]) -> Bool, _ wanted: String) {
            let values = Self.values(screen, label: label)
            if values == nil || !check(values!) {
                problems.append("\(label): wanted \(wanted), the screen has \(values.map { $0.joined(separator: " · ") } ?? "no such line")")
            }
        }
        let statusTexts = counts.map { "\($0.0) \(Self.grouped($0.1))" }
        expect("payments", { $0.first == Self.grouped(total) && Set(statusTexts).isSubset(of: $0) },
               "\(Self.grouped(total)) with \(statusTexts.joined(separator: ", "))")
        let failed = counts.first { $0.0 == "failed" }?.1 ?? 0
        expect("failed", { $0 == [Self.grouped(failed)] }, Self.grouped(failed))

        // The five most frequent reasons, most first (ties by name), as far as the pane's width shows them: a
        // narrow terminal clips the line, so the screen's text must be the start of the expected one and hold at
        // least the first reason whole.
        let reasons: [String] = try db.query("""
            SELECT coalesce(metadata ->> 'failure_reason', '(none recorded)'), count(*)::int FROM payops_read.payments
            WHERE status = 'failed' AND \(window) GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 5
            """).map { "\(try $0.decode(0, as: String.self)) \(Self.grouped(try $0.decode(1)))" }
        if let first = reasons.first {
            let whole = reasons.joined(separator: " · ")
            expect("top reasons", { shown in
                let text = shown.joined(separator: " · ")
                return text == whole || (whole.hasPrefix(text) && text.hasPrefix(first + " · "))
            }, whole)
        }

        let revenue: [String] = try db.query("""
            SELECT currency, sum(amount)::bigint FROM payops_read.payments
            WHERE status IN ('completed', 'partially_refunded', 'refunded') AND \(window) GROUP BY currency ORDER BY currency
            """).map { try Self.money($0.decode(1), $0.decode(0)) }
        guard !revenue.isEmpty else { throw FigureError("no revenue in the last 24 h: the demo always has some") }
        expect("revenue", { $0 == revenue }, revenue.joined(separator: " · "))

        let refunds: [(String, Int)] = try db.query("""
            SELECT p.currency, sum(r.amount)::bigint, count(*)::int FROM payops_read.refunds r
            JOIN payops_read.payments p ON p.id = r.transaction_id
            WHERE r.created_at > now() - interval '24 hours' AND r.created_at <= now() AND r.status <> 'failed'
            GROUP BY p.currency ORDER BY p.currency
            """).map { try (Self.money($0.decode(1), $0.decode(0)), $0.decode(2)) }
        let refundCount = refunds.reduce(0) { $0 + $1.1 }
        let refundLine = ["\(Self.grouped(refundCount)) refund\(refundCount == 1 ? "" : "s")"] + refunds.map(\.0)
        expect("refunds", { $0 == refundLine }, refundLine.joined(separator: " · "))
        return problems
    }

    // MARK: Suspicious IPs (1 h / 6 h / 24 h up to now)

    /// One address over the threshold, as the pane lists it.
    struct Suspect: Equatable {
        var address: String, failed: Int, users: Int, cards: Int, score: String
        /// Distinct failed payments, or "—" where the attempts name no payment.
        var payments = "—"
    }

    /// Addresses with more than `threshold` failed attempts in the `windowSeconds` up to now, most first (seed 000's
    /// rule: failed attempts per IP over a window).
    func suspects(windowSeconds: Int, threshold: Int = 10) throws -> [Suspect] {
        try db.query("""
            SELECT host(a.ip_address), count(*)::int, count(DISTINCT a.user_id)::int, count(DISTINCT a.card)::int,
                   coalesce((SELECT to_char(round(avg(f.score), 2), 'FM0.00') FROM payops_read.fraud_checks f
                              WHERE f.ip_address = a.ip_address AND f.at > now() - make_interval(secs => $1)
                                AND f.at <= now()), '—'),
                   CASE WHEN count(a.payment_id) > 0 THEN to_char(count(DISTINCT a.payment_id), 'FM999,999,999') ELSE '—' END
            FROM payops_read.ip_attempts a
            WHERE a.at > now() - make_interval(secs => $1) AND a.at <= now()
            GROUP BY a.ip_address HAVING count(*) > $2
            ORDER BY count(*) DESC, max(a.at) DESC, a.ip_address
            """, [windowSeconds, threshold]).map {
            try Suspect(address: $0.decode(0), failed: $0.decode(1), users: $0.decode(2), cards: $0.decode(3), score: $0.decode(4),
                        payments: $0.decode(5))
        }
    }

    /// The most failed attempts any one address has in the `windowSeconds` up to now (0 when none).
    func mostAttempts(windowSeconds: Int) throws -> Int {
        try db.query("""
            SELECT coalesce(max(n), 0)::int FROM (SELECT count(*) AS n FROM payops_read.ip_attempts
            WHERE at > now() - make_interval(secs => $1) AND at <= now() GROUP BY ip_address) x
            """, [windowSeconds])[0].decode(0)
    }

    /// Suspicious IPs over its window and threshold: the summary's address count, and the top row (address, failed attempts,
    /// distinct users and cards, mean fraud score) — an attacker of the fixture, over the threshold.
    func suspiciousIPs(_ screen: String, windowSeconds: Int, threshold: Int = 10) throws -> [String] {
        let rows = try suspects(windowSeconds: windowSeconds, threshold: threshold)
        let window = "\(windowSeconds / 3600)h"
        guard let top = rows.first else {
            throw FigureError("the read model has no address with more than \(threshold) failed attempts in the last \(window): "
                + "the data is not anchored at the test's clock, so the pane's window is empty. The screen was:\n\(screen)")
        }
        guard Self.attackers.contains(top.address), top.failed > threshold else {
            throw FigureError("the top address \(top.address) (\(top.failed) failures) is not one of the fixture's attackers")
        }
        var problems: [String] = []
        let summary = "failed in the last \(window) · more than \(threshold) failed events · \(rows.count) address\(rows.count == 1 ? "" : "es")"
        if !screen.contains(summary) { problems.append("wanted the summary \"\(summary)\"") }
        let lines = screen.split(separator: "\n").map(Self.cells)
        if let header = lines.firstIndex(where: { $0.starts(with: ["IP", "PAYMENTS", "EVENTS", "USERS", "CARDS", "SCORE"]) }),
           header + 1 < lines.count {
            let first = lines[header + 1]
            let wanted = [top.address, top.payments, Self.grouped(top.failed), Self.grouped(top.users), Self.grouped(top.cards), top.score]
            if !first.starts(with: wanted) {
                problems.append("wanted the first row to start \(wanted.joined(separator: " ")), it reads \(first.joined(separator: " "))")
            }
        } else {
            problems.append("no IP / PAYMENTS / EVENTS / USERS / CARDS / SCORE table on the screen")
        }
        return problems
    }

    // MARK: the other panes (not windows over the clock, but figures all the same)

    /// Transactions: the newest payment heads the list with its short id, venue, amount and status.
    func transactions(_ screen: String) throws -> [String] {
        let rows = try db.query("""
            SELECT left(p.id::text, 8), coalesce(v.name, p.venue_id::text), p.amount, p.currency, p.status
            FROM payops_read.payments p LEFT JOIN payops_read.venues v ON v.id = p.venue_id
            ORDER BY p.created_at DESC, p.id DESC LIMIT 1
            """)
        guard rows.count == 1 else { throw FigureError("no payment at all in the read model") }
        let wanted = [try rows[0].decode(0, as: String.self), try rows[0].decode(1, as: String.self),
                      try Self.money(rows[0].decode(2), rows[0].decode(3)), try rows[0].decode(4, as: String.self)]
        return Self.firstRow(screen, header: ["TIME", "ID", "VENUE"], contains: wanted)
    }

    /// Audit trail: the newest payment event heads the stream with its payment's short id, type and address.
    func auditTrail(_ screen: String) throws -> [String] {
        let rows = try db.query("""
            SELECT left(payment_id::text, 8), event_type, coalesce(host(ip_address), '') FROM payops_read.events
            ORDER BY created_at DESC, id DESC LIMIT 1
            """)
        guard rows.count == 1 else { throw FigureError("no payment event at all in the read model") }
        let wanted = try (0..<3).map { try rows[0].decode($0, as: String.self) }.filter { !$0.isEmpty }
        return Self.firstRow(screen, header: ["TIME", "PAYMENT", "EVENT"], contains: wanted)
    }

    /// Queues: the outbox's unprocessed rows, those of them older than 10 minutes (stuck: this one slides with the
    /// clock) and the dead letters not requeued, counted.
    func queues(_ screen: String) throws -> [String] {
        func count(_ sql: String) throws -> Int { try db.query(sql)[0].decode(0) }
        let waiting = try count("SELECT count(*)::int FROM payops_read.outbox WHERE processed_at IS NULL")
        let stuck = try count("""
            SELECT count(*)::int FROM payops_read.outbox WHERE processed_at IS NULL AND created_at < now() - interval '10 minutes'
            """)
        let dead = try count("SELECT count(*)::int FROM payops_read.dead_letters WHERE requeued_at IS NULL")
        // Webhooks split by status, each its own queue row.
        let webhooks = try ["failed", "pending", "processing"].map { status in
            ("webhooks \(status)", try count("SELECT count(*)::int FROM payops_read.webhooks WHERE status = '\(status)'"))
        }
        var problems: [String] = []
        for (queue, count) in [("outbox", waiting), ("outbox stuck > 10m", stuck), ("dead letters", dead)] + webhooks {
            let line = screen.split(separator: "\n").map { $0.trimmingCharacters(in: " │›") }.first { $0.hasPrefix(queue + "  ") }
            let first = line.map { Self.cells($0.dropFirst(queue.count)).first ?? "" }
            if first != Self.grouped(count) { problems.append("\(queue): wanted \(Self.grouped(count)) waiting, the row reads \(line ?? "nothing")") }
        }
        return problems
    }

    /// Venues: the first venue by name, with its available and payable (available − reserved) balances.
    func venues(_ screen: String) throws -> [String] {
        let rows = try db.query("""
            SELECT v.name, v.currency,
                   coalesce(sum(b.amount) FILTER (WHERE b.balance_type = 'available'), 0)::bigint,
                   coalesce(sum(b.amount) FILTER (WHERE b.balance_type = 'available'), 0)::bigint
                     - coalesce(sum(b.amount) FILTER (WHERE b.balance_type = 'reserved'), 0)::bigint
            FROM payops_read.venues v LEFT JOIN payops_read.balances b ON b.venue_id = v.id
            GROUP BY v.id, v.name, v.currency ORDER BY v.name, v.id LIMIT 1
            """)
        guard rows.count == 1 else { throw FigureError("no venue at all in the read model") }
        let code: String = try rows[0].decode(1)
        let wanted = [try rows[0].decode(0, as: String.self), try Self.money(rows[0].decode(2), code),
                      try Self.money(rows[0].decode(3), code)]
        return Self.firstRow(screen, header: ["VENUE", "TIER", "CUR"], contains: wanted)
    }

    // MARK: formats and screen parsing

    /// Problems with the first row under the table header whose cells start with `header`: each wanted text must
    /// appear in it whole, between blanks, or cut short by the table with `…` (8 characters kept at least).
    static func firstRow(_ screen: String, header: [String], contains wanted: [String]) -> [String] {
        let lines = screen.split(separator: "\n")
        guard let index = lines.firstIndex(where: { cells($0).starts(with: header) }), index + 1 < lines.count else {
            return ["no table headed \(header.joined(separator: " ")) on the screen"]
        }
        let row = " " + cells(lines[index + 1]).joined(separator: " ") + " "
        func shown(_ text: String) -> Bool {
            let words = text.split(separator: " ").joined(separator: " ")   // cells() folds runs of blanks
            if row.contains(" \(words) ") { return true }
            return words.count > 8 && (8..<words.count).contains { row.contains(" \(words.prefix($0))… ") }
        }
        let missing = wanted.filter { !shown($0) }
        return missing.isEmpty ? [] : ["the first row lacks \(missing.joined(separator: ", ")): \(row)"]
    }

    /// `1,234,567`: the count as the panes group it.
    static func grouped(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var text = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { text.append(",") }
            text.append(digit)
        }
        return (n < 0 ? "-" : "") + text
    }

    /// `$1,234.56`, `€12.00`, `1,234.00 UYU`: minor units as the panes write money.
    static func money(_ minorUnits: Int64, _ code: String) throws -> String {
        guard let currency = Currency(code) else { throw FigureError("not a currency: \(code)") }
        let negative = minorUnits < 0, magnitude = minorUnits.magnitude
        let major = Int(magnitude / UInt64(currency.minorPerMajor))
        var text = grouped(major)
        if currency.minorDigits > 0 {
            let minor = String(magnitude % UInt64(currency.minorPerMajor))
            text += "." + String(repeating: "0", count: currency.minorDigits - minor.count) + minor
        }
        let sign = negative ? "-" : ""
        return currency.symbol.map { sign + $0 + text } ?? sign + text + " " + code
    }

    /// The values of the Overview line labelled `label` (the dim label, then values joined by ` · `); nil when no
    /// line starts with that label.
    static func values(_ screen: String, label: String) -> [String]? {
        for line in screen.split(separator: "\n") {
            let text = line.trimmingCharacters(in: " │›")
            guard text.hasPrefix(label + "  ") else { continue }
            let rest = text.dropFirst(label.count).trimmingCharacters(in: " ")
            return rest.split(separator: " · ").map { $0.trimmingCharacters(in: " ") }
        }
        return nil
    }

    /// A table row's cells, for tables whose cells hold no spaces (Suspicious IPs): split on blanks, borders dropped.
    static func cells(_ line: Substring) -> [String] {
        line.split(whereSeparator: { $0 == " " || $0 == "│" || $0 == "›" }).map(String.init)
    }
}

/// The screen and the database disagree, or the database holds nothing for the check to read.
struct FigureError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

extension StringProtocol {
    /// The text without `characters` at either end.
    func trimmingCharacters(in characters: String) -> String {
        let set = Set(characters)
        guard let start = firstIndex(where: { !set.contains($0) }) else { return "" }
        let end = lastIndex(where: { !set.contains($0) })!
        return String(self[start...end])
    }
}
