@testable import PaymentData
@testable import Screens
import Testing

/// Issue 13, item 1: nothing important is cut silently. Every pane and the describe view, filled with the longest
/// realistic values (full uuids, IPv6, a 2 KB user agent, long errors and event names), is drawn in the whole console
/// at 80×24, 100×30 and 200×60: ids are whole or visibly cut (`…`), the header keeps `[RW]` and the refresh
/// indicator, the timeline keeps WHAT, and the grid stays sound.
@Suite("long values at 80×24, 100×30, 200×60")
struct LongValuesScreenTests {
    static let sizes = [(80, 24), (100, 30), (200, 60)]
    static let payment = PGUUID("f3eaa18e-5faa-41f0-bc90-b129561ae0d7")!
    static let user = PGUUID("0b7c3f2e-9d41-4e8a-a1c3-5f6e7d8c9b0a")!
    static let event = PGUUID("e1d2c3b4-a596-4788-99aa-bbccddeeff00")!
    static let ipv6 = "2001:db8:85a3:1234:5678:8a2e:370:7334"
    static let agent = "Mozilla/5.0 (X11; Linux x86_64) " + String(repeating: "AppleWebKit/537.36 (KHTML, like Gecko) ", count: 50)
        + "END-OF-AGENT"
    static let longEvent = "payment.risk_review_requested"
    static let error = "upstream provider returned 502 Bad Gateway after 3 retries: connection reset by peer while reading "
        + "response headers from https://api.provider.example/v1/payment_intents/pi_3Nq8X2LkdIqHZs1a0b2c3d4e/confirm"
    static let uuids = [payment, user, event, Fixture.uuid("0e000000"), Fixture.uuid("05e70000")]

    static func transactionRow() -> TransactionRow {
        Fixture.payment(payment, venue: "The Extraordinarily Long Named Jazz & Blues Supper Club of Greater Metropolitan Area",
                        amount: 123_456_789, status: "partially_refunded", intent: "pi_3Nq8X2LkdIqHZs1a0b2c3d4e")
    }

    static func detail() -> PaymentDetail {
        let t = transactionRow()
        let timeline = [
            TimelineEntry(at: Fixture.ago(600), source: .transaction, kind: "payment.created", status: "pending", amount: 123_456_789,
                          ipAddress: nil, userAgent: nil, actor: nil, detail: nil),
            TimelineEntry(at: Fixture.ago(500), source: .event, kind: longEvent, status: nil, amount: nil,
                          ipAddress: InetAddress(ipv6), userAgent: agent, actor: nil, detail: nil),
            TimelineEntry(at: Fixture.ago(400), source: .webhook, kind: "payment_intent.payment_failed", status: "failed", amount: nil,
                          ipAddress: nil, userAgent: nil, actor: "stripe", detail: error),
        ]
        return PaymentDetail(transaction: t, gasFee: nil, venuePayout: Fixture.usd(100_000_000), venueTier: "enterprise",
                             tenantID: nil, eventID: nil, deviceFingerprint: String(repeating: "ab12", count: 16),
                             paymentMethodFingerprint: "pm_fp_" + String(repeating: "9f", count: 20),
                             idempotencyKey: user, metadata: JSONText(#"{"order": {"id": "ord_1", "lines": [1, 2]}, "channel": "web"}"#),
                             updatedAt: Fixture.ago(300), refunds: [], timeline: timeline)
    }

    static func eventRow() -> PaymentEventRow {
        PaymentEventRow(id: event, paymentID: payment, eventType: longEvent, ipAddress: InetAddress(ipv6), userAgent: agent,
                        createdAt: Fixture.ago(90), change: "status: pending → requires_action")
    }

    /// The six tabs, each root loaded with long values, plus a pushed pane on the first tab when given.
    static func console(root: Int, pushed: (any Pane)? = nil) throws -> ConsoleModel {
        let transactions = TransactionsPane()
        try apply(try #require(transactions.load(isRefresh: false)), [
            syntheticResult(columns: Array(repeating: "c", count: 11), rows: [
                Fixture.transactionCells(payment, venue: "The Extraordinarily Long Named Jazz & Blues Supper Club", amount: 123_456_789,
                                         status: "partially_refunded", intent: "pi_3Nq8X2LkdIqHZs1a0b2c3d4e"),
            ]), estimateResult(2_992)])
        let audit = AuditPane()
        audit.receive(events: Fixture.page([eventRow(), Fixture.event(2, payment: payment, ip: ipv6, agent: agent)], more: true), for: .first)
        let suspicious = SuspiciousIPsPane()
        suspicious.receive([Fixture.suspicious(ipv6, failed: 1_234, users: 56, cards: 78, score: 0.93),
                            Fixture.suspicious("203.0.113.200", failed: 12)])
        let queues = QueuesPane()
        queues.receive(Fixture.depth([Fixture.group(.deadLetters, error, 17), Fixture.group(.webhooks, "failed", 3)]))
        let venues = VenuesPane()
        venues.receive(Fixture.page([Fixture.venue("The Extraordinarily Long Named Jazz & Blues Supper Club of Greater Metropolitan Area",
                                                   openRequests: 2, openAmount: 5_000_000)]), for: .first)
        let roots: [any Pane] = [transactions, transactions, audit, suspicious, queues, venues]
        let names = ["Overview", "Transactions", "Audit trail", "Suspicious IPs", "Queues", "Venues"]
        let tabs = zip(names, roots).map { name, pane in Tab(name) { pane } }
        let header = ConnectionHeader(database: "payments_production_eu_west_1", user: "support_alice_longname",
                                      host: "db-primary.payments.internal.example.com", server: "15.18", readonly: false)
        let model = ConsoleModel(tabs: tabs, header: header, routes: Routes(ipPane: { IPDrilldownPane(network: $0) }))
        _ = model.handle(.character(Character(String(root + 1))), milliseconds: 0)
        if let pushed { _ = model.perform([.push(pushed)], milliseconds: 0) }
        model.now = Fixture.now
        return model
    }

    static func screen(_ model: ConsoleModel, _ width: Int, _ height: Int) -> Grid {
        var grid = Grid(width: width, height: height)
        model.render(into: &grid, milliseconds: 0)
        return grid
    }

    /// Every place a known uuid's first eight digits appear: the short id (8, then no hex), the whole uuid, or a cut
    /// marked with `…`. Anything else is a silent cut.
    static func silentCuts(_ lines: [String]) -> [String] {
        var problems: [String] = []
        for line in lines {
            let chars = Array(line)
            for uuid in uuids.map(\.string) {
                let full = Array(uuid)
                var start = 0
                while start + 8 <= chars.count {
                    guard Array(chars[start..<start + 8]) == Array(full[0..<8]) else { start += 1; continue }
                    var matched = 8
                    while start + matched < chars.count, matched < full.count, chars[start + matched] == full[matched] { matched += 1 }
                    let next: Character? = start + matched < chars.count ? chars[start + matched] : nil
                    let whole = matched == full.count
                    let short = matched == 8 && !(next.map { $0.isHexDigit || $0 == "-" } ?? false)
                    if !whole && !short && next != "…" { problems.append("\(uuid) cut to \(matched) without …: \(line)") }
                    start += matched
                }
            }
        }
        return problems
    }

    static func check(_ model: ConsoleModel, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) -> [Grid] {
        sizes.map { width, height in
            let grid = screen(model, width, height)
            let lines = grid.lines
            #expect(silentCuts(lines).isEmpty, "\(what) at \(width)×\(height): \(silentCuts(lines))\n\(lines.joined(separator: "\n"))",
                    sourceLocation: sourceLocation)
            #expect(lines[0].contains("[RW]") && lines[0].contains("⟳ 2s"), "\(what) header at \(width)×\(height): \(lines[0])",
                    sourceLocation: sourceLocation)
            #expect(structuralProblems(grid).isEmpty, "\(what) at \(width)×\(height)", sourceLocation: sourceLocation)
            return grid
        }
    }

    @Test("every root pane: ids whole or cut with …, [RW] and refresh kept, a row counter")
    func rootPanes() throws {
        for tab in 1..<6 {
            let model = try Self.console(root: tab)
            let grids = Self.check(model, model.tabNames[tab])
            #expect(grids.allSatisfy { $0.lines[2].contains(" / ") }, "\(model.tabNames[tab]) has a row counter")
        }
    }

    @Test("the header keeps [RW] and the refresh indicator down to 60 columns, even while loading")
    func headerAtSixty() throws {
        let model = try Self.console(root: 1)
        model.loading = (name: "transactions.page with a long name", sinceMilliseconds: 0)
        for width in [60, 61, 75, 80] {
            let line = Self.screen(model, width, 24).lines[0]
            #expect(line.contains("[RW] │ ⟳ 2s"), "\(width): \(line)")
            #expect(line.contains("…"), "the connection text is cut visibly at \(width): \(line)")
        }
    }

    @Test("the payment detail: ids whole at every size, WHAT kept, the long event name whole from 100 columns")
    func paymentDetail() throws {
        let detail = TransactionDetailPane(id: Self.payment)
        detail.receive(Self.detail())
        let model = try Self.console(root: 1, pushed: detail)
        let grids = Self.check(model, "payment detail")
        for grid in grids {
            let text = grid.lines.joined(separator: "\n")
            #expect(text.contains(Self.payment.string), "the payment id whole at \(grid.width)×\(grid.height):\n\(text)")
            #expect(text.contains(Self.user.string), "the user id whole at \(grid.width)×\(grid.height)")
            #expect(grid.lines.contains { $0.contains("TIME") && $0.contains("WHAT") }, "WHAT at \(grid.width)")
            if grid.width >= 100 { #expect(text.contains(Self.longEvent), "the event name whole at \(grid.width)") }
            else { #expect(text.contains("payment.risk_review_requ") , "the event name at \(grid.width):\n\(text)") }
        }
        #expect(grids[0].lines[2].hasSuffix(" 1 / 3"), "the timeline's counter: \(grids[0].lines[2])")
    }

    @Test("the Audit trail at 100 columns: event names whole, the IPv6 address whole")
    func auditAtHundred() throws {
        let grid = Self.screen(try Self.console(root: 2), 100, 30)
        let text = grid.lines.joined(separator: "\n")
        #expect(text.contains(Self.longEvent) && text.contains(Self.ipv6), "\(text)")
        #expect(grid.lines[2].hasSuffix(" 1 / …"), "more rows than the window, no estimate yet: \(grid.lines[2])")
    }

    /// The describe view of the long event at 80×24, exactly: every field whole, the user agent wrapped.
    @Test("the describe view at 80×24, 100×30 and 200×60: whole values, wrapped; the payload pretty-printed")
    func describeView() throws {
        let audit = AuditPane()
        audit.receive(events: Fixture.page([Self.eventRow()]), for: .first)
        let description = try #require(audit.describeFocused())
        let pane = DescribePane(description)
        try apply(try #require(pane.load(isRefresh: false)),
                  [syntheticResult(columns: ["payload"], rows: [[#"{"risk": {"score": 0.93, "rules": ["velocity", "geo"]}, "note": "a \"quoted\" value"}"#]])])
        let model = try Self.console(root: 2, pushed: pane)
        let grids = Self.check(model, "describe")
        let small = grids[0].lines
        expectScreen(grids[0], [
            " payops │ payments_production_eu_west_1 │ support_alice_longname… │ [RW] │ ⟳ 2s",
            " 1   2   3 Audit trail   4   5   6",
            "Audit trail › describe event e1d2c3b4                               field 1 / 8",
            " event e1d2c3b4 · 8 fields                                     lines 1–18 of 50",
            "event       e1d2c3b4-a596-4788-99aa-bbccddeeff00",
            "type        payment.risk_review_requested",
            "at          2026-11-20 11:58:30 UTC (2026-11-20T11:58:30.000000Z)",
            "payment     f3eaa18e-5faa-41f0-bc90-b129561ae0d7",
            "ip address  2001:db8:85a3:1234:5678:8a2e:370:7334",
            "user agent  Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like",
            "            Gecko) AppleWebKit/537.36 (KHTML, like Gecko) AppleWebKit/537.36",
            "            (KHTML, like Gecko) AppleWebKit/537.36 (KHTML, like Gecko)",
            "            AppleWebKit/537.36 (KHTML, like Gecko) AppleWebKit/537.36 (KHTML,",
            "            like Gecko) AppleWebKit/537.36 (KHTML, like Gecko)",
            "            AppleWebKit/537.36 (KHTML, like Gecko) AppleWebKit/537.36 (KHTML,",
            "            like Gecko) AppleWebKit/537.36 (KHTML, like Gecko)",
            "            AppleWebKit/537.36 (KHTML, like Gecko) AppleWebKit/537.36 (KHTML,",
            "            like Gecko) AppleWebKit/537.36 (KHTML, like Gecko)",
            "            AppleWebKit/537.36 (KHTML, like Gecko) AppleWebKit/537.36 (KHTML,",
            "            like Gecko) AppleWebKit/537.36 (KHTML, like Gecko)",
            "            AppleWebKit/537.36 (KHTML, like Gecko) AppleWebKit/537.36 (KHTML,",
            "            like Gecko) AppleWebKit/537.36 (KHTML, like Gecko)",
            "                                                                     Audit trail",
            "y copy the focused field  Enter open / drill down  Esc back  / filter  …",
        ])
        #expect(small[4].hasPrefix("event"))
        // At 200×60 the whole description fits: the user agent to its end, then the payload, pretty-printed.
        let large = grids[2].lines.joined(separator: "\n")
        #expect(large.contains("END-OF-AGENT"), "\(large)")
        for line in ["payload     {", "              \"risk\": {", "                \"score\": 0.93,", "                \"rules\": [",
                     "                  \"velocity\",", "              \"note\": \"a \\\"quoted\\\" value\"", "            }"] {
            #expect(grids[2].lines.contains { $0.hasPrefix(line) }, "missing \(line):\n\(large)")
        }
        // ↓ moves the focused field, and the view follows it; y copies the field's whole value.
        for _ in 0..<5 { _ = model.handle(.down, milliseconds: 0) }
        let copy = model.handle(.character("y"), milliseconds: 0)
        guard case let .copy(text)? = copy.first else { Issue.record("y did not copy"); return }
        #expect(text == Self.agent)
        #expect(model.status == "copied user agent (\(Self.agent.count) characters, OSC 52)")
    }

    @Test("JSON pretty-printing keeps strings byte for byte and leaves other text alone")
    func prettyJSON() {
        #expect(JSONPretty.format(#"{"a":[1,{"b":"x, y: {z}"}],"c":{}}"#) == """
            {
              "a": [
                1,
                {
                  "b": "x, y: {z}"
                }
              ],
              "c": {}
            }
            """)
        #expect(JSONPretty.format("not json {") == "not json {")
        #expect(JSONPretty.format(#"{"unclosed": "x}"#) == #"{"unclosed": "x}"#)
    }
}
