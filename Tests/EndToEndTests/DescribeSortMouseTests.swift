import PaymentData
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// Issue 13, seeing values: the describe view and its copy, column sort, and the mouse, driven in tmux.
@Suite("end to end: describe, copy, sort, mouse", .serialized)
struct DescribeSortMouseTests {
    /// A user agent of 2 KB whose last words are only on screen when it is shown whole.
    static let longAgent = "Mozilla/5.0 (X11; Linux x86_64) " + String(repeating: "AppleWebKit/537.36 (KHTML, like Gecko) ", count: 50)
        + "END-OF-AGENT"
    static let address = "2001:db8:85a3:1234:5678:8a2e:370:7334"

    /// Adds the newest event of the stream: an IPv6 address, a 2 KB user agent, a nested payload.
    static func addLongEvent(_ conninfo: String) throws -> String {
        let db = try PGConnection(conninfo)
        let rows = try db.query("""
            INSERT INTO payment_events (id, payment_id, event_type, ip_address, user_agent, payload, created_at)
            SELECT gen_random_uuid(), (SELECT id FROM payment_transactions ORDER BY created_at DESC, id DESC LIMIT 1),
                   'payment.risk_review_requested_by_provider', $1::inet, $2,
                   '{"risk": {"score": 0.93, "rules": ["velocity", "geo"]}, "note": "whole"}'::jsonb,
                   (SELECT max(created_at) FROM payment_events) + interval '1 minute'
            RETURNING id::text
            """, [Self.address, Self.longAgent])
        return try rows[0].decode(0, as: String.self)
    }

    @Test("d describes the focused event in full (IPv6, 2 KB user agent, pretty JSON payload); y copies the focused field")
    func describeAndCopy() throws {
        let conninfo = try TestCluster.shared.freshDatabase(.seeded)
        let eventID = try Self.addLongEvent(conninfo)
        let tmux = try ConsolePaneTests.open(conninfo, width: 100, height: 30)
        defer { tmux.close() }
        tmux.acceptClipboard()
        try tmux.waitFor(text: "1 Overview")
        tmux.send("3")
        try ConsolePaneTests.waitLoaded(tmux, "Audit trail")
        // At 100 columns the event name is not cut while the user agent has room to give.
        try tmux.waitFor(text: "payment.risk_review_requested_by_provider")
        tmux.send("d")
        var screen = try tmux.waitFor(text: "describe event")
        #expect(screen.contains(eventID), "\(screen)")
        #expect(screen.contains(Self.address), "\(screen)")
        #expect(screen.contains("field 1 / "), "\(screen)")
        // The payload arrives by its own read and is pretty-printed at the end; G goes there.
        tmux.send("G")
        screen = try tmux.waitFor("the pretty-printed payload") { $0.contains("\"risk\": {") && $0.contains("\"velocity\",") }
        #expect(screen.contains("END-OF-AGENT"), "the user agent is shown to its end:\n\(screen)")
        // y copies the focused field: the event id first (g), then the IPv6 address four fields down.
        tmux.send("g")
        tmux.send("y")
        try tmux.waitFor(text: "copied event (36 characters")
        #expect(tmux.pasteBuffer() == eventID)
        tmux.send("j", "j", "j", "j")
        try tmux.waitFor(text: "field 5 / ")
        tmux.send("y")
        try tmux.waitFor(text: "copied ip address")
        #expect(tmux.pasteBuffer() == Self.address)
        // A click on a field's line focuses it: the second field (type) is on screen row 5.
        tmux.click(x: 3, y: 5)
        try tmux.waitFor(text: "field 2 / ")
        tmux.send("Escape")
        try ConsolePaneTests.waitLoaded(tmux, "Audit trail")
        tmux.send("q")
        try tmux.waitForTranscript(text: "payops-exited-0")
    }

    @Test("the payment detail at 80×24, 100×30 and 200×60: ids whole, the timeline's WHAT kept, [RW] and ⟳ in the header")
    func detailAtSizes() throws {
        let conninfo = try TestCluster.shared.freshDatabase(.seeded)
        let db = try PGConnection(conninfo)
        let row = try db.query("SELECT id::text, user_id::text FROM payment_transactions ORDER BY created_at DESC, id DESC LIMIT 1")[0]
        let id = try row.decode(0, as: String.self), user = try row.decode(1, as: String.self)
        let tmux = try ConsolePaneTests.open(conninfo, width: 80, height: 24)
        defer { tmux.close() }
        try tmux.waitFor(text: "1 Overview")
        tmux.send(":tx \(id)", literal: true)
        tmux.send("Enter")
        for (width, height) in [(80, 24), (100, 30), (200, 60)] {
            tmux.resize(width: width, height: height)
            let screen = try tmux.waitForSettled("the detail at \(width)×\(height)") {
                $0.contains(id) && $0.contains(user) && $0.contains("Timeline") && !$0.contains("loading")
            }
            let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
            #expect(lines[0].contains("[RW]") && lines[0].contains("⟳"), "header at \(width): \(lines[0])")
            #expect(lines.contains { $0.contains("TIME") && $0.contains("WHAT") }, "WHAT at \(width):\n\(screen)")
        }
        tmux.send("q")
        try tmux.waitForTranscript(text: "payops-exited-0")
    }

    /// The values of one column of the Suspicious IPs table, top to bottom, found under its header.
    static func column(_ title: String, in screen: String) -> [String] {
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let headerIndex = lines.firstIndex(where: { $0.contains("IP") && $0.contains("EVENTS") }),
              let range = lines[headerIndex].firstRange(of: title) else { return [] }
        let start = lines[headerIndex].distance(from: lines[headerIndex].startIndex, to: range.lowerBound)
        return lines[(headerIndex + 1)...].compactMap { line -> String? in
            let chars = Array(line)
            guard chars.count > start else { return nil }
            let word = String(chars[start...]).split(separator: " ").first.map(String.init) ?? ""
            return word.isEmpty ? nil : word
        }
    }

    @Test("s sorts Suspicious IPs by the next column and S reverses it, shown ▲/▼ in the header; a header click sorts by that column")
    func sortSuspiciousIPs() throws {
        let conninfo = try TestCluster.shared.freshDatabase(.seededLive)
        let tmux = try ConsolePaneTests.open(conninfo, width: 120, height: 30)
        defer { tmux.close() }
        try tmux.waitFor(text: "1 Overview")
        tmux.send("4")
        try ConsolePaneTests.waitLoaded(tmux, "Suspicious IPs")
        try tmux.waitFor(text: "203.0.113.")
        tmux.send("s")
        try tmux.waitFor(text: "sorted by IP ▲")
        tmux.send("s")
        try tmux.waitFor(text: "sorted by PAYMENTS ▲")
        tmux.send("s")
        // Settled screens: a capture taken mid-frame can pair the new header with the old rows. The live window
        // slides between the two sorts (a refresh may bring other counts), so each order is checked on its own rows.
        var screen = try tmux.waitForSettled("EVENTS▲") { $0.contains("EVENTS▲") }
        let ascending = Self.column("EVENTS", in: screen).compactMap { Int($0.filter(\.isNumber)) }
        #expect(ascending.count >= 3 && ascending == ascending.sorted(), "EVENTS ascending:\n\(screen)")
        tmux.send("S")
        screen = try tmux.waitForSettled("EVENTS▼") { $0.contains("EVENTS▼") }
        let descending = Self.column("EVENTS", in: screen).compactMap { Int($0.filter(\.isNumber)) }
        #expect(descending.count >= 3 && descending == descending.sorted(by: >),
                "EVENTS descending:\n\(screen)")
        // A click on the USERS header sorts by users.
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let headerRow = try #require(lines.firstIndex { $0.contains("USERS") })
        let x = Array(lines[headerRow]).firstIndex(of: "U")!
        tmux.click(x: x + 1, y: headerRow)
        try tmux.waitFor(text: "USERS▲")
        tmux.send("q")
        try tmux.waitForTranscript(text: "payops-exited-0")
    }

    @Test("mouse: a click on a tab switches pane, on a row selects it, on the selected row opens it; the wheel moves")
    func mouse() throws {
        let conninfo = try TestCluster.shared.freshDatabase(.seeded)
        let tmux = try ConsolePaneTests.open(conninfo, width: 100, height: 30)
        defer { tmux.close() }
        var screen = try tmux.waitFor(text: "1 Overview")
        let tabs = Array(screen.split(separator: "\n", omittingEmptySubsequences: false)[1])
        let tabLine = String(tabs)
        let auditX = try #require(tabLine.firstRange(of: "Audit trail").map { tabLine.distance(from: tabLine.startIndex, to: $0.lowerBound) })
        tmux.click(x: auditX + 2, y: 1)
        screen = try ConsolePaneTests.waitLoaded(tmux, "Audit trail")
        try tmux.waitFor(text: "1 / ~")
        // Rows start under the table header (screen row 3): the fourth row is screen row 7.
        tmux.click(x: 30, y: 7)
        try tmux.waitFor(text: "4 / ~")
        tmux.mouse(button: 65, x: 30, y: 10)
        try tmux.waitFor(text: "7 / ~")
        tmux.mouse(button: 64, x: 30, y: 10)
        try tmux.waitFor(text: "4 / ~")
        // A second click on the selected row opens its payment.
        tmux.click(x: 30, y: 7)
        try tmux.waitFor("the payment's detail") {
            $0.split(separator: "\n").dropFirst(2).first?.hasPrefix("Audit trail ›") == true && $0.contains("Timeline")
        }
        tmux.send("q")
        try tmux.waitForTranscript(text: "payops-exited-0")
    }
}
