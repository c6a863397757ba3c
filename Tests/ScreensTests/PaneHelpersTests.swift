@testable import PaymentData
import Screens
import Testing

@Suite("pane helpers: network and event filters, row selection, queue health")
struct PaneHelpersTests {
    @Test("addresses and networks that parse", arguments: [
        "203.0.113.7", "203.0.113.0/24", "0.0.0.0/0", "10.0.0.0/8", "2001:db8::1", "2001:db8::/32", "::1", "::",
        "fe80::1:2:3:4", "::ffff:203.0.113.7", "2001:db8:0:0:0:0:0:1", "2001:db8::1/128",
    ])
    func goodNetworks(_ text: String) throws {
        #expect(try NetworkParser.parse(text).text == text)
    }

    @Test("addresses and networks that do not", arguments: [
        "", "   ", "203.0.113", "203.0.113.256", "203.0.113.7/33", "203.0.113.7/", "1.2.3.4/-1", "1.2.3.4.5", "01234.1.1.1",
        "2001:db8:::1", "2001:db8::1::2", "12345::1", "2001:db8::/129", "1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8:9", "evil.example",
        "203.0.113.7/24/8", "g::1",
    ])
    func badNetworks(_ text: String) {
        #expect(throws: FilterError.self) { try NetworkParser.parse(text) }
    }

    @Test("event filters combine type, payment and ip; a bare uuid is a payment")
    func eventFilters() throws {
        let id = PGUUID("3fa85f64-5717-4562-b3fc-2c963f66afa6")!
        #expect(try EventFilterParser.parse("") == EventFilter())
        #expect(try EventFilterParser.parse("type:payment.failed") == EventFilter(eventType: "payment.failed"))
        #expect(try EventFilterParser.parse("TYPE:refund.requested payment:\(id.string)")
            == EventFilter(eventType: "refund.requested", paymentID: id))
        #expect(try EventFilterParser.parse(id.string) == EventFilter(paymentID: id))
        #expect(try EventFilterParser.parse("ip:2001:db8::/32") == EventFilter(network: InetAddress("2001:db8::/32")))
    }

    @Test("bad event filters say what to type", arguments: [
        ("type:", "type: takes an event type like payment.failed"),
        ("type:a'b", "type: takes an event type like payment.failed"),
        ("payment:3fa85f64", "payment: takes a full payment id (uuid)"),
        ("failed", "failed: use type:EVENT_TYPE, payment:UUID or ip:ADDRESS[/BITS]"),
        ("user:1", "unknown filter user: (use type: payment: ip:)"),
        ("ip:1.2.3", "1.2.3 is not an IP address or network (e.g. 203.0.113.7 or 203.0.113.0/24)"),
    ])
    func badEventFilters(_ text: String, _ message: String) {
        #expect(throws: FilterError(message)) { try EventFilterParser.parse(text) }
    }

    @Test("row selection clamps at both ends and pages by the visible height")
    func rowSelection() {
        var selection = RowSelection()
        let moved = selection.move(.up, count: 5, visibleRows: 3)
        #expect(moved)
        #expect(selection.index == 0)
        selection.move(.pageDown, count: 5, visibleRows: 3)
        #expect(selection.index == 2)
        selection.move(.bottom, count: 5, visibleRows: 3)
        #expect(selection.index == 4)
        selection.move(.down, count: 5, visibleRows: 3)
        #expect(selection.index == 4)
        selection.move(.pageUp, count: 5, visibleRows: 3)
        #expect(selection.index == 2)
        let openIsAMove = selection.move(.open, count: 5, visibleRows: 3)
        #expect(!openIsAMove)
        selection.clamp(count: 2)
        #expect(selection.index == 1)
        selection.move(.down, count: 0, visibleRows: 3)
        #expect(selection.index == 0)
        selection.select(9, count: 3)
        #expect(selection.index == 2)
        selection.reset()
        #expect(selection.index == 0)
    }

    @Test("queue thresholds: stuck is danger; old outbox, failed webhooks and mints, dead letters warn")
    func queueHealth() {
        func depth(_ groups: [QueueDepth.Group]) -> QueueDepth { QueueDepth(groups: groups, readAt: Fixture.now) }
        let old = Fixture.group(.outbox, "x", 1, oldestSecondsAgo: 601)
        let fresh = Fixture.group(.outbox, "x", 1, oldestSecondsAgo: 600)
        #expect(QueueHealth.meaning(.outbox, in: depth([old])) == .warning)
        #expect(QueueHealth.meaning(.outbox, in: depth([fresh])) == .normal)
        #expect(QueueHealth.meaning(.outboxStuck, in: depth([Fixture.group(.outboxStuck, "x", 1)])) == .danger)
        #expect(QueueHealth.meaning(.outboxStuck, in: depth([])) == .normal)
        #expect(QueueHealth.meaning(.webhooks, in: depth([Fixture.group(.webhooks, "pending", 9)])) == .normal)
        #expect(QueueHealth.meaning(.webhooks, in: depth([Fixture.group(.webhooks, "failed", 1)])) == .warning)
        #expect(QueueHealth.meaning(.deadLetters, in: depth([Fixture.group(.deadLetters, "e", 1)])) == .warning)
        #expect(QueueHealth.meaning(.nftMints, in: depth([Fixture.group(.nftMints, "queued", 5)])) == .normal)
        #expect(QueueHealth.meaning(.nftMints, in: depth([Fixture.group(.nftMints, "failed", 1)])) == .warning)
        #expect(QueueHealth.oldestAge(.outbox, in: depth([old, fresh])) == 601)
        #expect(QueueHealth.rowsSource(.nftMints) == .nftMints(status: nil))
    }
}
