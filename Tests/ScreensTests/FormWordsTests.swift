@testable import PaymentData
@testable import Screens
import Testing

/// The words of the forms and the payout detail: "Paid" only on a paid payment, pending refunds apart from
/// completed ones, what is left under the daily payout limit, and a payout with its audit rows.
@Suite("form words and the payout detail")
struct FormWordsTests {
    @Test("a failed payment's refund form says Amount, not Paid; pending refunds are counted apart")
    func refundWords() {
        let form = RefundForm(payment: ActionFormTests.payment)
        _ = form.start()
        form.received(ActionFormTests.preview(status: "failed"))
        var text = ActionFormTests.text(form)
        #expect(text.contains("Amount $50.00 · refunded $12.50 · refundable $0.00"), "\(text)")
        #expect(!text.contains("Paid"))
        let pending = RefundForm(payment: ActionFormTests.payment)
        _ = pending.start()
        pending.received(RefundPreview(paymentID: ActionFormTests.payment, status: "partially_refunded", amount: Fixture.usd(5_000),
                                       refunded: Fixture.usd(1_750), venueID: Fixture.uuid("7e000000"), venueName: "Blue Note",
                                       pendingRefunds: Fixture.usd(500)))
        text = ActionFormTests.text(pending)
        #expect(text.contains("Paid $50.00 · refunded $12.50 · pending refunds $5.00 · refundable $32.50"), "\(text)")
    }

    @Test("the payout request form shows today's approved total and what is left under the daily limit")
    func payoutLimit() {
        let form = PayoutRequestForm(venue: Fixture.uuid("7e000000"))
        _ = form.start()
        form.received(PayoutPreview(venueID: Fixture.uuid("7e000000"), venueName: "Blue Note", available: Fixture.usd(10_000_000),
                                    reserved: Fixture.usd(0), approvedToday: Fixture.usd(4_200_000)))
        let text = ActionFormTests.text(form, width: 120)
        #expect(text.contains("Today    approved $42,000.00 · left under the daily limit $8,000.00"), "\(text)")
        // Typing into the Instant choice explains instead of flipping it.
        _ = form.handle(.tab)
        _ = form.handle(.character("y"))
        #expect(form.fields[1].value == "no")
        #expect(form.problem == "Instant is a choice (no, yes): ←/→ change it")
        _ = form.handle(.right)
        #expect(form.fields[1].value == "yes" && form.problem == nil)
    }

    @Test("a payout's detail: its facts, then its audit rows; loading, missing and tiny sizes")
    func payoutDetail() throws {
        let pane = PayoutDetailPane(id: Fixture.uuid("9a000000", 1))
        #expect(pane.title == "Payout 9a000000")
        let request = try #require(pane.load(isRefresh: false))
        #expect(request.query.name == "payouts.detail" && request.query.snapshot)
        #expect(renderPane(pane, width: 60, height: 2).lines[0].hasPrefix(" loading 9a000000-"))
        var request1 = Fixture.action(11, operatorName: "fin_bob", action: "payout.request", targetType: "venue",
                                      targetID: Fixture.uuid("7e000000").string, reason: nil, secondsAgo: 86_400)
        request1.payoutID = Fixture.uuid("9a000000", 1)
        let approve = Fixture.action(12, operatorName: "fin_carol", action: "payout.approve", targetType: "payout",
                                     targetID: Fixture.uuid("9a000000", 1).string, reason: nil, secondsAgo: 82_800)
        pane.receive(PayoutDetail(payout: Fixture.payout(1), venueName: "Blue Note", audit: [request1, approve]))
        expectScreen(renderPane(pane, width: 100, height: 13), [
            " payout       9a000000-0000-4000-8000-000000000001",
            " venue        Blue Note",
            " amount       $2,500.00",
            " fee          $0.00 (standard)",
            " status       paid",
            " requested    2026-11-19 12:00:00 by fin_bob",
            " decided      2026-11-19 13:00:00 by fin_carol",
            " reason       —",
            "",
            " Audit (2 operator actions)",
            "TIME                OPERATOR         ACTION             REASON                    KEY",
            "2026-11-19 12:00:00 fin_bob          payout.request                               key-11",
            "2026-11-19 13:00:00 fin_carol        payout.approve                               key-12",
        ])
        expectRendersAtTinySizes(pane)
        pane.receive(nil)
        #expect(renderPane(pane, width: 80, height: 2).lines[0] == " no payout with id 9a000000-0000-4000-8000-000000000001")
    }
}
