import PaymentData
import Screens
import Testing

/// A pane that records what the shell asks of it.
final class StubPane: Pane {
    let title: String
    var actions: [Action] = []
    var filters: [String] = []
    var loads = 0
    var loaded = false
    var bindings: [KeyBinding]
    init(_ title: String, bindings: [KeyBinding] = []) {
        self.title = title
        self.bindings = bindings
    }
    func load(isRefresh: Bool) -> DataRequest? {
        loads += 1
        return DataRequest(Query("stub.\(title)", "SELECT 1") { _ in 1 }, isRefresh: isRefresh) { [weak self] _ in self?.loaded = true }
    }
    func render(into canvas: inout Canvas, context: RenderContext) {
        canvas.put("body of \(title)", x: 0, y: 0, style: Style(.normal))
    }
    func handle(_ action: Action, visibleRows: Int) -> [PaneEffect] {
        actions.append(action)
        if action == .open { return [.push(StubPane("\(title)-child"))] }
        return []
    }
    func applyFilter(_ text: String) -> [PaneEffect] {
        filters.append(text)
        return text == "bad" ? [.error("bad filter")] : []
    }
    var filterText: String { filters.last ?? "" }
    var focusedID: String? { "id-of-\(title)" }
    var isEmpty: Bool { !loaded }
}

@Suite("console shell")
struct ConsoleModelTests {
    static func model(readonly: Bool = false, paneBindings: [KeyBinding] = []) -> (ConsoleModel, [StubPane]) {
        let panes = ["Overview", "Transactions", "Audit trail", "Suspicious IPs", "Queues", "Venues"].map {
            StubPane($0, bindings: $0 == "Transactions" ? paneBindings : [])
        }
        let tabs = panes.map { pane in Tab(pane.title) { pane } }
        let header = ConnectionHeader(database: "payments", user: "alice", host: "/tmp/sock", server: "15.18", readonly: readonly)
        return (ConsoleModel(tabs: tabs, header: header, routes: Routes(ipPane: { StubPane("ip \($0.text)") })), panes)
    }

    static func screen(_ model: ConsoleModel, width: Int = 80, height: Int = 16) -> [String] {
        var grid = Grid(width: width, height: height)
        model.render(into: &grid, milliseconds: 0)
        return grid.lines
    }

    @Test("the frame: header with [RW]/[RO], tabs, breadcrumbs, body, status and footer")
    func frame() {
        let (model, _) = Self.model()
        let lines = Self.screen(model)
        #expect(lines[0].hasPrefix(" payops │ payments │ alice@local │ PostgreSQL 15.18 │ [RW] │ ⟳ 2s"))
        #expect(lines[1] == " 1 Overview   2   3   4   5   6", "inactive tabs shrink to digits at 80 columns")
        #expect(Self.screen(model, width: 100)[1] == " 1 Overview   2 Transactions   3 Audit trail   4 Suspicious IPs   5 Queues   6 Venues")
        #expect(lines[2].hasPrefix("Overview"))
        #expect(lines[3] == "body of Overview")
        #expect(lines[15].contains("Enter") && lines[15].contains("quit"))
        let (readonly, _) = Self.model(readonly: true)
        #expect(Self.screen(readonly)[0].contains("[RO]"))
    }

    @Test("digits, Tab and Shift-Tab switch panes and load them")
    func switching() {
        let (model, panes) = Self.model()
        let effects = model.handle(.character("3"), milliseconds: 0)
        #expect(model.activeTab == 2)
        #expect(effects.count == 1 && panes[2].loads == 1)
        _ = model.handle(.tab, milliseconds: 0)
        #expect(model.activeTab == 3)
        _ = model.handle(.backTab, milliseconds: 0)
        _ = model.handle(.backTab, milliseconds: 0)
        _ = model.handle(.backTab, milliseconds: 0)
        #expect(model.activeTab == 0)
        _ = model.handle(.backTab, milliseconds: 0)
        #expect(model.activeTab == 5, "Shift-Tab wraps around")
    }

    @Test("Enter drills down, Esc goes back, breadcrumbs follow")
    func drillDown() {
        let (model, panes) = Self.model()
        _ = model.handle(.character("2"), milliseconds: 0)
        _ = model.handle(.enter, milliseconds: 0)
        #expect(model.breadcrumbs == ["Transactions", "Transactions-child"])
        #expect(Self.screen(model)[2].hasPrefix("Transactions › Transactions-child"))
        _ = model.handle(.escape, milliseconds: 0)
        #expect(model.breadcrumbs == ["Transactions"])
        _ = model.handle(.escape, milliseconds: 0)
        #expect(model.status.contains("already at the top"))
        _ = model.handle(.character("j"), milliseconds: 0)
        _ = model.handle(.down, milliseconds: 0)
        _ = model.handle(.character("G"), milliseconds: 0)
        _ = model.handle(.control("f"), milliseconds: 0)
        #expect(panes[1].actions == [.open, .down, .down, .bottom, .pageDown])
    }

    @Test("command mode: completion, :tx, :ip, :venue, :theme, :q and unknown commands")
    func commands() {
        let (model, panes) = Self.model()
        _ = model.handle(.character(":"), milliseconds: 0)
        for c in "ve" { _ = model.handle(.character(c), milliseconds: 0) }
        _ = model.handle(.tab, milliseconds: 0)
        #expect(model.mode == .command("venue "))
        #expect(Self.screen(model)[14].hasPrefix(":venue"))
        for c in "arena" { _ = model.handle(.character(c), milliseconds: 0) }
        _ = model.handle(.enter, milliseconds: 0)
        #expect(model.activeTab == 5 && panes[5].filters == ["arena"])

        _ = model.handle(.character(":"), milliseconds: 0)
        for c in "ip 203.0.113.0/24" { _ = model.handle(.character(c), milliseconds: 0) }
        _ = model.handle(.enter, milliseconds: 0)
        #expect(model.activeTab == 3 && model.breadcrumbs == ["Suspicious IPs", "ip 203.0.113.0/24"])

        _ = model.handle(.character(":"), milliseconds: 0)
        for c in "tx 3fa85f64-5717-4562-b3fc-2c963f66afa6" { _ = model.handle(.character(c), milliseconds: 0) }
        _ = model.handle(.enter, milliseconds: 0)
        #expect(model.activeTab == 1 && model.breadcrumbs == ["Transactions", "3fa85f64"])

        _ = model.handle(.character(":"), milliseconds: 0)
        for c in "bogus" { _ = model.handle(.character(c), milliseconds: 0) }
        _ = model.handle(.enter, milliseconds: 0)
        #expect(model.statusIsError && model.status.contains("unknown command :bogus"))

        _ = model.handle(.character(":"), milliseconds: 0)
        for c in "theme light" { _ = model.handle(.character(c), milliseconds: 0) }
        let theme = model.handle(.enter, milliseconds: 0)
        guard case .setTheme("light")? = theme.first else { Issue.record("expected setTheme, got \(theme)"); return }

        _ = model.handle(.character(":"), milliseconds: 0)
        _ = model.handle(.character("q"), milliseconds: 0)
        let quit = model.handle(.enter, milliseconds: 0)
        guard case .quit? = quit.first else { Issue.record("expected quit"); return }
        #expect(ConsoleCommandLine.complete("t") == "t", "tx and theme share only 't'")
        #expect(ConsoleCommandLine.complete("th") == "theme ")
    }

    @Test("filter mode passes the text to the pane; errors reach the status line")
    func filters() {
        let (model, panes) = Self.model()
        _ = model.handle(.character("2"), milliseconds: 0)
        _ = model.handle(.character("/"), milliseconds: 0)
        for c in "status:failed" { _ = model.handle(.character(c), milliseconds: 0) }
        #expect(Self.screen(model)[14].hasPrefix("/status:failed"))
        _ = model.handle(.enter, milliseconds: 0)
        #expect(panes[1].filters == ["status:failed"])
        #expect(Self.screen(model)[2].hasSuffix("filter: status:failed"))
        _ = model.handle(.character("/"), milliseconds: 0)
        #expect(model.mode == .filter("status:failed"), "the filter in force is offered for editing")
        for _ in 0..<13 { _ = model.handle(.backspace, milliseconds: 0) }
        for c in "bad" { _ = model.handle(.character(c), milliseconds: 0) }
        _ = model.handle(.enter, milliseconds: 0)
        #expect(model.statusIsError && model.status == "bad filter")
    }

    @Test("help lists every key of the same table the footer reads; dangerous keys vanish read-only")
    func help() {
        let refund = KeyBinding([.character("r")], .pane("refund"), "refund this payment", dangerous: true, inFooter: true)
        let (model, _) = Self.model(paneBindings: [refund])
        _ = model.handle(.character("2"), milliseconds: 0)
        #expect(Self.screen(model, width: 120)[15].contains("refund"))
        _ = model.handle(.character("?"), milliseconds: 0)
        let help = Self.screen(model, width: 120, height: 50).joined(separator: "\n")
        for binding in model.keyTable { #expect(help.contains(binding.description.prefix(20)), "\(binding.description)") }
        #expect(help.contains("refund this payment  (changes data)"))
        _ = model.handle(.escape, milliseconds: 0)
        #expect(model.mode == .normal)

        let (readonly, panes) = Self.model(readonly: true, paneBindings: [refund])
        _ = readonly.handle(.character("2"), milliseconds: 0)
        #expect(!Self.screen(readonly, width: 120)[15].contains("refund"))
        _ = readonly.handle(.character("r"), milliseconds: 0)
        #expect(panes[1].actions.isEmpty, "a hidden action cannot be triggered")
        #expect(readonly.statusIsError)
    }

    @Test("a slow read stretches live refresh to 100× its cost, and the header says so and when the data was read")
    func refreshSpacedByCost() throws {
        let (model, _) = Self.model()
        #expect(model.tick(milliseconds: 10_000).count == 1)
        model.lastReadMilliseconds = 300                        // a 300 ms Overview: at most every 30 s
        model.dataAsOf = Timestamp.parse("2026-11-30 04:25:43+00")
        #expect(model.tick(milliseconds: 12_000).isEmpty, "the 2 s interval has passed, but the read cost 300 ms")
        #expect(model.tick(milliseconds: 39_999).isEmpty)
        #expect(model.tick(milliseconds: 40_000).count == 1)
        #expect(Self.screen(model, width: 120)[0].contains("[RW] │ ⟳ 2s→30s · 04:25:43"))
        model.lastReadMilliseconds = 15                         // a fast read (1.5 s × 100): the interval again
        #expect(model.tick(milliseconds: 42_000).count == 1)
        #expect(Self.screen(model, width: 120)[0].contains("[RW] │ ⟳ 2s · 04:25:43"))
    }

    @Test("live refresh: every interval, frozen while moving, paused by P (Space marks rows now), +/- change the interval")
    func liveRefresh() {
        let (model, _) = Self.model()
        #expect(model.tick(milliseconds: 10_000).count == 1)
        #expect(model.tick(milliseconds: 11_000).isEmpty, "not before the interval")
        _ = model.handle(.down, milliseconds: 11_900)
        #expect(model.tick(milliseconds: 12_100).isEmpty, "frozen right after a move")
        #expect(model.tick(milliseconds: 13_500).count == 1)
        _ = model.handle(.character("P"), milliseconds: 13_600)
        #expect(model.paused && model.tick(milliseconds: 60_000).isEmpty)
        #expect(Self.screen(model)[0].contains("⏸ paused"))
        _ = model.handle(.character("P"), milliseconds: 60_000)
        _ = model.handle(.character("+"), milliseconds: 60_000)
        #expect(model.interval == 1)
        _ = model.handle(.character("-"), milliseconds: 60_000)
        _ = model.handle(.character("-"), milliseconds: 60_000)
        #expect(model.interval == 5)
        model.loading = ("x", 0)
        #expect(model.tick(milliseconds: 1_000_000).isEmpty, "never while a query runs")
        #expect(Self.screen(model)[0].contains("(Esc cancels)"))
        let cancel = model.handle(.escape, milliseconds: 0)
        guard case .cancelQuery? = cancel.first else { Issue.record("Esc while loading cancels"); return }
    }

    @Test("y copies the focused id; Ctrl-S without an export says so")
    func copyAndExport() {
        let (model, _) = Self.model()
        let copy = model.handle(.character("y"), milliseconds: 0)
        guard case .copy("id-of-Overview")? = copy.first else { Issue.record("expected copy"); return }
        #expect(model.handle(.control("s"), milliseconds: 0).isEmpty)
        #expect(model.statusIsError && model.status.contains("nothing to export"))
    }

    @Test("too small a terminal gets a clear screen, at any size down to 0×0")
    func tooSmall() {
        let (model, _) = Self.model()
        let lines = Self.screen(model, width: 40, height: 10)
        #expect(lines.joined().contains("too small"))
        #expect(lines.joined().contains("60×15"))
        for (w, h) in [(0, 0), (1, 1), (5, 2), (59, 15), (60, 14)] {
            var grid = Grid(width: w, height: h)
            model.render(into: &grid, milliseconds: 0)
            #expect(grid.width == w)
        }
        #expect(Self.screen(model, width: 60, height: 15)[3] == "body of Overview")
    }
}
