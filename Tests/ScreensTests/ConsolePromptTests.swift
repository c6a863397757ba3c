import PaymentData
import Screens
import Testing

@Suite("console prompts and messages")
struct ConsolePromptTests {
    static func keys(_ model: ConsoleModel, _ keys: [Key], at milliseconds: Int = 0) {
        for key in keys { _ = model.handle(key, milliseconds: milliseconds) }
    }
    static func typed(_ text: String) -> [Key] { text.map { Key.character($0) } }

    @Test("the : prompt edits in the middle, recalls history with ↑/↓, and reports each submitted line for saving")
    func commandPrompt() {
        let (model, panes) = ConsoleModelTests.model()
        var saved: [String: [String]] = [:]
        model.historyChanged = { sigil, history in saved[sigil] = history.entries }
        Self.keys(model, [.character(":")] + Self.typed("venue arna") + [.left, .left, .character("e")])
        #expect(model.mode == .command("venue arena") && model.prompt.cursor == 9)
        #expect(ConsoleModelTests.screen(model)[14].hasPrefix(":venue arena"))
        Self.keys(model, [.enter])
        #expect(panes[5].filters == ["arena"])
        #expect(saved[":"] == ["venue arena"])
        Self.keys(model, [.character(":")] + Self.typed("venue x") + [.control("u"), .up])
        #expect(model.mode == .command("venue arena"), "↑ recalls the last line")
        Self.keys(model, [.down])
        #expect(model.mode == .command(""), "↓ brings back what was being typed")
        Self.keys(model, [.escape])
        #expect(model.mode == .normal)
        Self.keys(model, [.character(":"), .alt("?")])
        #expect(model.mode == .help(scroll: 0), "Esc and ? typed fast (Alt-?) close the prompt and open help")
    }

    @Test("Tab completes theme names, context names and a pane's filter keys")
    func tab() {
        let (model, _) = ConsoleModelTests.model()
        model.contextNames = ["prod", "staging"]
        Self.keys(model, [.character(":")] + Self.typed("theme hi") + [.tab])
        #expect(model.mode == .command("theme high-contrast "))
        Self.keys(model, [.control("u")] + Self.typed("ctx st") + [.tab])
        #expect(model.mode == .command("ctx staging "))
        Self.keys(model, [.control("u")] + Self.typed("t") + [.tab])
        #expect(model.promptHint == "tenant theme tx", "ambiguous: the candidates are shown")
        #expect(ConsoleModelTests.screen(model)[14].hasSuffix("tenant theme tx"))
    }

    @Test("Esc at the top of a list clears its filter")
    func escapeClearsFilter() {
        let (model, panes) = ConsoleModelTests.model()
        Self.keys(model, [.character("2"), .character("/")] + Self.typed("status:failed") + [.enter, .escape])
        #expect(panes[1].filters == ["status:failed", ""])
        #expect(model.status == "filter cleared")
        Self.keys(model, [.escape])
        #expect(model.status.contains("already at the top"))
    }

    @Test("a write key the login's groups lack names the role; the message goes on a pane change or after a while")
    func roleMessage() {
        let (model, _) = ConsoleModelTests.model(paneBindings: [ActionKeys.refund])
        model.groups = ["payops_viewer"]
        Self.keys(model, [.character("2"), .character("r")])
        #expect(model.status == "r: refund this payment needs payops_support (your groups: payops_viewer)")
        Self.keys(model, [.character("v")])
        #expect(model.status == "v: no such key here (? for help)")
        Self.keys(model, [.character("3")])
        #expect(model.status.isEmpty, "a key error does not survive a pane switch")
        Self.keys(model, [.character("v")], at: 1000)
        _ = model.tick(milliseconds: 1000 + ConsoleModel.transientMilliseconds - 1)
        #expect(!model.status.isEmpty)
        _ = model.tick(milliseconds: 1000 + ConsoleModel.transientMilliseconds)
        #expect(model.status.isEmpty, "and not past its time")
    }

    @Test(":log lists the session's messages, newest first, errors marked")
    func messageLog() {
        let (model, _) = ConsoleModelTests.model()
        model.now = Timestamp(microseconds: 1_764_000_000_000_000)
        model.say("✓ refunded $5.00")
        model.say("database error: boom", error: true)
        Self.keys(model, [.character(":")] + Self.typed("log") + [.enter])
        #expect(model.breadcrumbs.last == "Messages")
        let screen = ConsoleModelTests.screen(model, width: 100).joined(separator: "\n")
        let error = screen.range(of: "error database error: boom"), done = screen.range(of: "✓ refunded $5.00")
        #expect(error != nil && done != nil)
        if let error, let done { #expect(error.lowerBound < done.lowerBound, "newest first") }
        #expect(screen.contains("2025-11-24 16:00:00"))
    }

    @Test(":tx from a drill-down goes to the Transactions root, and never stacks the same payment twice")
    func transactionCommand() {
        let (model, panes) = ConsoleModelTests.model()
        Self.keys(model, [.character("2"), .enter])
        #expect(model.breadcrumbs == ["Transactions", "Transactions-child"])
        Self.keys(model, [.character(":")] + Self.typed("tx pi_3Nabc") + [.enter])
        #expect(model.breadcrumbs == ["Transactions"] && panes[1].filters == ["pi_3Nabc"])
        for _ in 0..<2 {
            Self.keys(model, [.character("4"), .character(":")] + Self.typed("tx 3fa85f64-5717-4562-b3fc-2c963f66afa6") + [.enter])
        }
        #expect(model.breadcrumbs == ["Transactions", "3fa85f64"])
        Self.keys(model, [.character(":")] + Self.typed("ip 203.0.113.300") + [.enter])
        #expect(model.statusIsError && model.status.contains("not an IP address"), "checked before any query")
    }
}

@Suite("help and footer for the focused row")
struct HelpAndFooterTests {
    static func console(root: any Pane, groups: Set<String>) -> ConsoleModel {
        let header = ConnectionHeader(database: "payments", user: "sam", host: "/tmp", server: "15", readonly: false)
        let model = ConsoleModel(tabs: [Tab("Root") { root }], header: header, routes: Routes(ipPane: { StubPane("ip \($0.text)") }))
        model.groups = groups
        return model
    }

    @Test("the footer offers u on a blocked address and b on one that is not")
    func footerFollowsTheRow() {
        let pane = SuspiciousIPsPane()
        pane.receive([Fixture.suspicious("203.0.113.7", failed: 40, blocked: true),
                      Fixture.suspicious("198.51.100.9", failed: 20)])
        let model = Self.console(root: pane, groups: ["payops_support"])
        var footer = ConsoleModelTests.screen(model, width: 160).last ?? ""
        #expect(footer.contains("u unblock") && !footer.contains("b block"), "\(footer)")
        _ = model.handle(.down, milliseconds: 0)
        footer = ConsoleModelTests.screen(model, width: 160).last ?? ""
        #expect(footer.contains("b block") && !footer.contains("u unblock"), "\(footer)")
    }

    @Test("help shows the pane's whole filter syntax, wrapped at 80 columns, never cut")
    func helpWrapsTheFilterSyntax() {
        let model = Self.console(root: TransactionsPane(), groups: [])
        _ = model.handle(.character("?"), milliseconds: 0)
        _ = model.handle(.pageDown, milliseconds: 0)
        _ = model.handle(.pageDown, milliseconds: 0)
        var grid = Grid(width: 80, height: 60)
        model.render(into: &grid, milliseconds: 0)
        let text = grid.lines.map { line in
            String(line.drop { $0 == " " || $0 == "│" }.reversed().drop { $0 == " " || $0 == "│" }.reversed())
        }.joined(separator: " ")
        #expect(text.contains("Esc at the top of the list clears it."), "the syntax's last words are on screen:\n\(grid.lines.joined(separator: "\n"))")
        #expect(text.contains("idempotency key to search"))
    }
}
