import CLibPQ
@testable import PaymentData
import Screens
import Testing

/// Builds a libpq result in memory (no server): text cells, nil for NULL.
/// What the server answers to `EXPLAIN (FORMAT JSON)`: a row estimate of `rows` (the row counter's total).
func estimateResult(_ rows: Int) -> PGResult {
    syntheticResult(columns: ["QUERY PLAN"], rows: [["[{\"Plan\": {\"Node Type\": \"Seq Scan\", \"Plan Rows\": \(rows), \"Plan Width\": 0}}]"]])
}

func syntheticResult(columns: [String], rows: [[String?]]) -> PGResult {
    let handle = PQmakeEmptyPGresult(nil, PGRES_TUPLES_OK)!
    // libpq copies the names into the result, so these buffers only live for the call.
    let names = columns.map { name -> UnsafeMutablePointer<CChar> in
        let bytes = Array(name.utf8CString)
        let buffer = UnsafeMutablePointer<CChar>.allocate(capacity: bytes.count)
        buffer.initialize(from: bytes, count: bytes.count)
        return buffer
    }
    defer { names.forEach { $0.deallocate() } }
    var descriptors = names.map { PGresAttDesc(name: $0, tableid: 0, columnid: 0, format: 0, typid: 25, typlen: -1, atttypmod: -1) }
    _ = PQsetResultAttrs(handle, Int32(columns.count), &descriptors)
    for (r, row) in rows.enumerated() {
        for (c, cell) in row.enumerated() {
            if let cell {
                _ = cell.withCString { PQsetvalue(handle, Int32(r), Int32(c), UnsafeMutablePointer(mutating: $0), Int32(cell.utf8.count)) }
            } else {
                _ = PQsetvalue(handle, Int32(r), Int32(c), nil, -1)
            }
        }
    }
    return PGResult(handle)
}

/// Domain values for pane tests: fixed ids, a fixed clock, rows built with PaymentData's own initialisers.
enum Fixture {
    /// The server clock the tests render against: 2026-11-20 12:00:00 UTC.
    static let now = Timestamp(year: 2026, month: 11, day: 20, hour: 12)

    /// `now` moved back by `seconds`.
    static func ago(_ seconds: Int64) -> Timestamp { now.adding(seconds: -seconds) }

    /// A uuid whose short form is `prefix` (8 hex digits) and that ends in `n`.
    static func uuid(_ prefix: String, _ n: Int = 1) -> PGUUID {
        let tail = String(n, radix: 16)
        return PGUUID(prefix + "-0000-4000-8000-" + String(repeating: "0", count: 12 - tail.count) + tail)!
    }

    static func usd(_ cents: Int64) -> Money { Money(minorUnits: cents, currency: .usd) }
    static func eur(_ cents: Int64) -> Money { Money(minorUnits: cents, currency: .eur) }

    /// A page as a keyset query returns it for `request` (`more` rows beyond the page exist).
    static func page<Row>(_ rows: [Row], more: Bool = false) -> Page<Row> {
        page(rows, PageRequest<Int>.first, more: more)
    }

    /// A page as a keyset query returns it for `request`.
    static func page<Row, Cursor>(_ rows: [Row], _ request: PageRequest<Cursor>, more: Bool = false) -> Page<Row> {
        let fetched = request == .last || { if case .before = request { return true } else { return false } }()
            ? Array(rows.reversed()) : rows
        return Page(fetched: more ? fetched + [fetched.last!] : fetched, limit: rows.count, request: request)
    }

    static func event(_ n: Int, payment: PGUUID, type: String = "payment.failed", ip: String? = "203.0.113.7",
                      agent: String? = "curl/8.4", secondsAgo: Int64 = 60) -> PaymentEventRow {
        PaymentEventRow(id: uuid("e0000000", n), paymentID: payment, eventType: type, ipAddress: ip.flatMap(InetAddress.init),
                        userAgent: agent, createdAt: ago(secondsAgo))
    }

    static func action(_ id: Int64, operatorName: String = "alice", action: String = "refund", targetType: String = "payment",
                       targetID: String, reason: String? = "duplicate", secondsAgo: Int64 = 120) -> OperatorActionRow {
        OperatorActionRow(id: id, at: ago(secondsAgo), operatorName: operatorName, action: action, targetType: targetType,
                          targetID: targetID, reason: reason, request: JSONText("{}"), result: JSONText("{}"),
                          idempotencyKey: "key-\(id)")
    }

    static func suspicious(_ address: String, failed: Int, users: Int = 1, cards: Int = 1, score: Double? = nil,
                           secondsAgo: Int64 = 30, blocked: Bool = false, payments: Int? = nil) -> SuspiciousIP {
        SuspiciousIP(address: InetAddress(address)!, failedAttempts: failed, distinctUsers: users, distinctCards: cards,
                     meanFraudScore: score, lastSeen: ago(secondsAgo), blocked: blocked,
                     failedPayments: payments ?? max(1, failed / 4))
    }

    /// A payment row, decoded by PaymentData's own row decoder from an in-memory result.
    static func payment(_ id: PGUUID, venue: String = "Blue Note", amount: Int64 = 12_50, currency: String = "USD",
                        status: String = "failed", secondsAgo: Int64 = 300, intent: String? = "pi_1") -> TransactionRow {
        let result = syntheticResult(
            columns: ["id", "created_at", "venue_id", "name", "user_id", "amount", "currency", "platform_fee", "tax_amount",
                      "status", "stripe_payment_intent_id"],
            rows: [transactionCells(id, venue: venue, amount: amount, currency: currency, status: status,
                                    secondsAgo: secondsAgo, intent: intent)])
        return try! TransactionRow(row: result[0])
    }

    /// The cells of one payment row in `TransactionRow.columns` order.
    static func transactionCells(_ id: PGUUID, venue: String = "Blue Note", amount: Int64 = 12_50, currency: String = "USD",
                                 status: String = "failed", secondsAgo: Int64 = 300, intent: String? = "pi_1") -> [String?] {
        [id.string, ago(secondsAgo).iso8601, uuid("0e000000").string, venue, uuid("05e70000").string, String(amount),
         currency, String(amount / 20), nil, status, intent]
    }

    static func group(_ queue: QueueDepth.Queue, _ key: String, _ count: Int, oldestSecondsAgo: Int64? = 60) -> QueueDepth.Group {
        QueueDepth.Group(queue: queue, key: key, count: count, oldest: oldestSecondsAgo.map(ago))
    }

    static func depth(_ groups: [QueueDepth.Group]) -> QueueDepth { QueueDepth(groups: groups, readAt: now) }

    static func venue(_ name: String, n: Int = 1, currency: Currency = .usd, available: Int64 = 500_000, pending: Int64 = 20_000,
                      reserved: Int64 = 100_000, lastPayoutSecondsAgo: Int64? = 7200, openRequests: Int = 0,
                      openAmount: Int64 = 0) -> VenueBalanceRow {
        func money(_ cents: Int64) -> Money { Money(minorUnits: cents, currency: currency) }
        return VenueBalanceRow(id: uuid("7e000000", n), name: name, tier: "pro", available: money(available),
                               pending: money(pending), reserved: money(reserved), lastPayoutAt: lastPayoutSecondsAgo.map(ago),
                               openRequests: openRequests, openRequestedAmount: money(openAmount))
    }

    static func payout(_ n: Int, amount: Int64 = 250_000, fee: Int64 = 0, instant: Bool = false, status: String = "paid",
                       requestedBy: String = "fin_bob", decidedBy: String? = "fin_carol", reason: String? = nil,
                       currency: Currency = .usd) -> PayoutRow {
        PayoutRow(id: uuid("9a000000", n), venueID: uuid("7e000000"), amount: Money(minorUnits: amount, currency: currency),
                  fee: Money(minorUnits: fee, currency: currency), instant: instant, status: status, requestedBy: requestedBy,
                  requestedAt: ago(Int64(n) * 86_400), decidedBy: decidedBy,
                  decidedAt: decidedBy == nil ? nil : ago(Int64(n) * 86_400 - 3600), decisionReason: reason)
    }
}

/// Draws `pane` on a blank `width × height` canvas with the fixture clock.
func renderPane(_ pane: any Pane, width: Int, height: Int, now: Timestamp? = Fixture.now) -> Grid {
    var canvas = Canvas(width: width, height: height)
    pane.render(into: &canvas, context: RenderContext(now: now))
    return canvas.grid
}

/// Renders `pane` at 0×0, 1×1 and a few tiny sizes, expecting a sound grid every time.
func expectRendersAtTinySizes(_ pane: any Pane, sourceLocation: SourceLocation = #_sourceLocation) {
    for (width, height) in [(0, 0), (1, 1), (0, 5), (5, 0), (2, 2), (7, 3), (20, 4)] {
        let grid = renderPane(pane, width: width, height: height)
        #expect(grid.width == width && grid.height == height, sourceLocation: sourceLocation)
        #expect(structuralProblems(grid).isEmpty, "at \(width)×\(height)", sourceLocation: sourceLocation)
    }
}

/// The pane pushed by `effects`, if exactly one push is among them.
func pushed(_ effects: [PaneEffect]) -> (any Pane)? {
    let panes = effects.compactMap { effect -> (any Pane)? in
        if case let .push(pane) = effect { return pane }
        return nil
    }
    return panes.count == 1 ? panes[0] : nil
}

/// The requests among `effects`.
func loads(_ effects: [PaneEffect]) -> [DataRequest] {
    effects.compactMap { if case let .load(request) = $0 { request } else { nil } }
}

/// The error messages among `effects`.
func errors(_ effects: [PaneEffect]) -> [String] {
    effects.compactMap { if case let .error(message) = $0 { message } else { nil } }
}

/// The status messages among `effects`.
func statuses(_ effects: [PaneEffect]) -> [String] {
    effects.compactMap { if case let .status(message) = $0 { message } else { nil } }
}

/// Runs a request's apply path with in-memory results (one per statement), as the shell does when they arrive.
func apply(_ request: DataRequest, _ results: [PGResult]) throws {
    try request.query.decode(results)()
}

/// The style role of the first cell of the first occurrence of `text` on screen, or nil when it is not shown.
func role(of text: String, in grid: Grid) -> Style.Role? {
    for y in 0..<grid.height {
        let cells = grid.row(y).filter { !$0.isContinuation }
        let line = String(cells.map(\.character))
        if let range = line.firstRange(of: text) {
            return cells[line.distance(from: line.startIndex, to: range.lowerBound)].style.role
        }
    }
    return nil
}

/// The modal opened by `effects`, if exactly one.
func modal(_ effects: [PaneEffect]) -> (any Modal)? {
    let modals = effects.compactMap { effect -> (any Modal)? in
        if case let .modal(modal) = effect { return modal }
        return nil
    }
    return modals.count == 1 ? modals[0] : nil
}
