import PaymentData
import Testing
import TestSupport

/// The real console in tmux on databases payops did not lay out: TicketToken's schema as seed 001 writes it, the
/// real multi-tenant one, and a platform without payops installed.
@Suite("end to end: the console on other platforms", .serialized)
struct ProfileConsoleTests {
    @Test("on seed 001's schema every pane opens, shows the platform's rows and says what the platform lacks")
    func ticketTokenPanes() throws {
        let conninfo = try TestCluster.shared.freshDatabase(.ticketTokenSeeded)
        let admin = try PGConnection(conninfo)
        let newest = try admin.query("""
            SELECT left(p.id::text, 8), n.name FROM payops_read.payments p JOIN payops.venue_names n ON n.venue_id = p.venue_id
            ORDER BY p.created_at DESC, p.id DESC LIMIT 1
            """)[0]
        let shortID: String = try newest.decode(0)
        let tmux = try ConsolePaneTests.open(conninfo)
        defer { tmux.close() }
        try tmux.waitFor(text: "1 Overview")
        tmux.send("2")
        let transactions = try tmux.waitFor("the newest payment") { $0.contains(shortID) && $0.contains("INTENT") }
        #expect(transactions.contains("$"))
        tmux.send("3")
        try tmux.waitFor(text: "no payment_events table in this database")
        tmux.send("4")
        try tmux.waitFor(text: "failed attempts are fraud checks decided decline or challenge")
        tmux.send("5")
        try tmux.waitFor("queues") { $0.contains("dead letters") && !$0.contains("loading…") }
        tmux.send("6")
        let venues = try tmux.waitFor("venues") { $0.contains("PAYABLE") && !$0.contains("loading…") }
        #expect(!venues.contains("no venue names"), "the demo names its venues in payops.venue_names")
        tmux.send("2")
        try tmux.waitFor(text: shortID)
        tmux.send("Enter")
        let detail = try tmux.waitFor(text: "Timeline (")
        #expect(detail.contains(shortID))
        #expect(!detail.contains("database error"))
        tmux.send("q")
        try tmux.waitForTranscript(text: "payops-exited-0")
    }

    @Test("on the multi-tenant schema the console asks for a tenant, lists them, and :tenant shows that tenant's rows")
    func tenantPrompt() throws {
        let conninfo = try TestCluster.shared.freshDatabase(.ticketTokenRLSSeeded)
        let tmux = try ConsolePaneTests.open(conninfo)
        defer { tmux.close() }
        let prompt = try tmux.waitFor(text: "this database isolates tenants and none is chosen")
        #expect(prompt.contains("no tenant"))
        #expect(prompt.contains("00000000…000a"))
        tmux.send(":")
        tmux.send("tenant 00000000-0000-4000-8000-00000000000b", literal: true)
        tmux.send("Enter")
        try tmux.waitFor(text: "tenant 00000000…000b")
        tmux.send("2")
        let rows = try tmux.waitFor("tenant b's payments") { $0.contains("INTENT") && !$0.contains("loading…") }
        #expect(!rows.contains("isolates tenants"))
        let admin = try PGConnection(conninfo)
        let newestB: String = try admin.query("""
            SELECT left(id::text, 8) FROM payment_transactions WHERE tenant_id = '00000000-0000-4000-8000-00000000000b'
            ORDER BY created_at DESC, id DESC LIMIT 1
            """)[0].decode(0)
        let newestOther: String = try admin.query("""
            SELECT left(id::text, 8) FROM payment_transactions WHERE tenant_id <> '00000000-0000-4000-8000-00000000000b'
            ORDER BY created_at DESC, id DESC LIMIT 1
            """)[0].decode(0)
        #expect(rows.contains(newestB))
        #expect(!rows.contains(newestOther))
        tmux.send("q")
        try tmux.waitForTranscript(text: "payops-exited-0")
    }

    @Test("a database without payops opens read-only with one line saying what to run, and no pane loading")
    func notInstalled() throws {
        let conninfo = try TestCluster.shared.freshDatabase(.empty)
        try PGConnection(conninfo).execute(Profile.tickettoken.fixtures[0].sql)
        let tmux = try ConsolePaneTests.open(conninfo)
        defer { tmux.close() }
        let screen = try tmux.waitFor(text: "payops is not installed in this database")
        #expect(screen.contains("[RO]"))
        #expect(screen.contains("payops db detect"))
        tmux.send("2")
        let transactions = try tmux.waitFor(text: "Transactions")
        #expect(!transactions.contains("loading…"))
        #expect(transactions.contains("payops db install"))
        tmux.send("q")
        try tmux.waitForTranscript(text: "payops-exited-0")
    }
}

/// Every profile's demo in the real console: each pane shows its data or the line that says why it has none.
@Suite("end to end: every profile's demo in the console")
struct EveryProfileConsoleTests {
    @Test("each pane opens without an error and stops loading", arguments: Profile.fixtureNames.filter { !$0.hasSuffix("-rls") })
    func panes(_ fixture: String) throws {
        let conninfo = fixture == Profile.canonical.name
            ? try TestCluster.shared.freshDatabase(.seeded) : try TestCluster.shared.freshDatabase(fixture: fixture, seeded: true)
        let tmux = try ConsolePaneTests.open(conninfo)
        defer { tmux.close() }
        try tmux.waitFor(text: "1 Overview")
        for (key, title) in [("1", "Overview"), ("2", "Transactions"), ("3", "Audit trail"), ("4", "Suspicious IPs"),
                             ("5", "Queues"), ("6", "Venues")] {
            tmux.send(key)
            let screen = try tmux.waitFor("\(fixture): \(title) loaded") { screen in
                let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
                return lines.count > 4 && lines[2].hasPrefix(title) && !screen.contains("loading…")
            }
            #expect(!screen.contains("database error"), "\(fixture) \(title):\n\(screen)")
        }
        tmux.send("2")
        let list = try tmux.waitFor(text: "INTENT")
        #expect(list.contains("$") || list.contains("€") || list.contains("£") || list.contains("UYU"), "\(fixture): amounts shown")
        tmux.send("q")
        try tmux.waitForTranscript(text: "payops-exited-0")
    }
}
