import PaymentData

/// The console's state, independent of any terminal: six tabs, each a stack of panes (drill-downs),
/// the input mode, the status line, live refresh, and the header. The backend feeds it keys, ticks and
/// query results, and carries out the effects it returns.
public final class ConsoleModel {
    /// What the keyboard is doing.
    public enum Mode: Equatable {
        case normal
        case command(String)
        case filter(String)
        case help(scroll: Int)
    }

    public let tabNames: [String]
    public private(set) var stacks: [[any Pane]]
    public internal(set) var activeTab = 0
    public internal(set) var mode: Mode = .normal
    public internal(set) var status = ""
    public internal(set) var statusIsError = false
    public var header: ConnectionHeader
    /// The group roles the session's login belongs to (`payops_support`, …); a superuser has them all.
    /// Write keys whose group is missing are not offered.
    public var groups: Set<String> = []
    /// The action form on top of everything, if one is open.
    public internal(set) var modal: (any Modal)?
    /// The open prompt's line (cursor and text); `mode` carries the same text.
    public internal(set) var prompt = LineEditor()
    /// Shown at the right of the prompt after Tab: the candidates when more than one matches.
    public internal(set) var promptHint: String?
    /// What was typed at `:` and at `/`, kept across sessions by the backend through `historyChanged`.
    public var commandHistory = PromptHistory(), filterHistory = PromptHistory()
    /// Called after a prompt line is recorded, with the prompt (":" or "/") and its history, for saving.
    public var historyChanged: ((String, PromptHistory) -> Void)?
    /// Names `:theme` and `:ctx` complete (the backend fills them from the theme folders and pg_service.conf).
    public var themeNames = ["dark", "light", "high-contrast", "monochrome"], contextNames: [String] = []
    /// This session's messages, errors and actions, oldest first (`:log` shows them).
    public internal(set) var messageLog: [LoggedMessage] = []
    /// The status line says something that stops applying when the pane changes or after a few seconds.
    var statusIsTransient = false
    var statusSetMilliseconds = 0
    /// The backend's clock at the last key or tick.
    var clockMilliseconds = 0
    let routes: Routes

    /// Live-refresh intervals `+`/`-` step through, in seconds.
    public static let intervals = [1, 2, 5, 10, 30, 60]
    public var intervalIndex = 1 { didSet { intervalIndex = min(max(0, intervalIndex), Self.intervals.count - 1) } }
    public internal(set) var paused = false
    var lastRefreshMilliseconds = Int.min / 2
    var lastMoveMilliseconds = Int.min / 2
    /// Set by the backend when a pane's read arrives: how long the database took (its cost) and when (as of).
    public var lastReadMilliseconds = 0
    public var dataAsOf: Timestamp?
    /// A live refresh waits at least this many times its pane's last read (or change probe): a console never keeps
    /// more than 1 % of a core of the database busy refreshing, whatever the interval and however busy the platform
    /// (a 300 ms read refreshes every 30 s; a 20 ms one every 2 s).
    public static let refreshCostFactor = 100
    /// The wait between live refreshes now: the interval, stretched by the last read's cost.
    public var refreshSpacingMilliseconds: Int { max(interval * 1000, lastReadMilliseconds * Self.refreshCostFactor) }
    /// Moving within this many milliseconds freezes live refresh (the list would jump under the cursor).
    public static let freezeAfterMoveMilliseconds = 1500

    /// Set by the backend while the connection is being re-established: "reconnecting, attempt 3, next in 4 s".
    public var connectionNote: String?
    /// Set by the backend: the query running now and since when, for the spinner.
    public var loading: (name: String, sinceMilliseconds: Int)?
    /// Set by the backend every frame: wall-clock time, for ages.
    public var now: Timestamp?
    /// Set when the database cannot serve the panes at all (payops not installed there): this one line
    /// takes the place of every pane, and the shell runs no pane query.
    public var unavailable: String?
    /// One line per tab name about data the platform lacks ("no venue names in this database: showing venue
    /// ids"), from the read model's notes; shown above that tab's panes.
    public var paneNotes: [String: String] = [:]
    /// The pane body's height at the last render (keys page by it).
    var lastBodyHeight = 20
    /// Where the last frame drew table rows and headers, and each tab's columns (mouse clicks hit-test them).
    var lastHits: [TableHit] = []
    var lastTabFrames: [Range<Int>] = []
    /// Smallest usable terminal.
    public static let minimumWidth = 60, minimumHeight = 15

    /// Makes a console over `tabs`; nothing is loaded until `start()`.
    public init(tabs: [Tab], header: ConnectionHeader, routes: Routes) {
        tabNames = tabs.map(\.name)
        stacks = tabs.map { [$0.makeRoot()] }
        self.header = header
        self.routes = routes
    }

    /// Starts every tab afresh on another database (`:ctx`); the histories and the message log stay.
    public func resetPanes(_ tabs: [Tab]) {
        stacks = tabs.map { [$0.makeRoot()] }
        activeTab = min(activeTab, stacks.count - 1)
        modal = nil
        mode = .normal
        unavailable = nil
        paneNotes = [:]
    }

    /// The pane on top of the active tab's stack.
    public var focused: any Pane { stacks[activeTab].last! }

    /// Breadcrumbs of the active tab.
    public var breadcrumbs: [String] { stacks[activeTab].map(\.title) }

    /// The refresh interval in seconds.
    public var interval: Int { Self.intervals[intervalIndex] }

    /// The first loads: the active pane.
    public func start() -> [ShellEffect] {
        focused.load(isRefresh: false).map { [.run($0)] } ?? []
    }

    /// Called often by the backend: returns a live refresh when one is due (not paused, nothing
    /// loading, the operator not moving, not typing).
    public func tick(milliseconds: Int) -> [ShellEffect] {
        clockMilliseconds = milliseconds
        if statusIsTransient, milliseconds - statusSetMilliseconds >= Self.transientMilliseconds { clearTransientStatus() }
        switch mode {
        case .normal, .help: break
        case .command, .filter: return []   // never redraw data under someone typing
        }
        if let form = modal as? ActionForm, let text = form.statusUpdate {
            form.statusUpdate = nil
            say(text, error: true)
        }
        if modal != nil { return [] }           // nor under a form
        guard !paused, loading == nil else { return [] }
        guard milliseconds - lastRefreshMilliseconds >= refreshSpacingMilliseconds,
              milliseconds - lastMoveMilliseconds >= Self.freezeAfterMoveMilliseconds else { return [] }
        lastRefreshMilliseconds = milliseconds
        return focused.load(isRefresh: true).map { [.run($0)] } ?? []
    }

    /// Shows a message in the status line and logs it; a `transient` one (a key that does nothing here)
    /// goes when the pane changes or after `transientMilliseconds`.
    public func say(_ text: String, error: Bool = false, transient: Bool = false) {
        status = text
        statusIsError = error
        statusIsTransient = transient
        statusSetMilliseconds = clockMilliseconds
        log(text, error: error)
    }

    /// Switches tabs; the pane loads when it has never loaded.
    func switchTab(_ index: Int, milliseconds: Int) -> [ShellEffect] {
        guard stacks.indices.contains(index) else { return [] }
        if index != activeTab && (!statusIsError || statusIsTransient) { say("") }   // "✓ refunded …" belongs to the pane it happened on
        activeTab = index
        lastRefreshMilliseconds = milliseconds
        return focused.load(isRefresh: !focused.isEmpty).map { [.run($0)] } ?? []
    }

    /// Pushes a drill-down on the active tab and loads it.
    func push(_ pane: any Pane, milliseconds: Int) -> [ShellEffect] {
        clearTransientStatus()
        stacks[activeTab].append(pane)
        lastRefreshMilliseconds = milliseconds
        return pane.load(isRefresh: false).map { [.run($0)] } ?? []
    }

    /// Goes back one level; returns false at the root.
    func pop() -> Bool {
        guard stacks[activeTab].count > 1 else { return false }
        clearTransientStatus()
        stacks[activeTab].removeLast()
        return true
    }

    /// Carries out what a pane asked for.
    func perform(_ effects: [PaneEffect], milliseconds: Int) -> [ShellEffect] {
        var result: [ShellEffect] = []
        for effect in effects {
            switch effect {
            case let .load(request): result.append(.run(request))
            case let .push(pane): result += push(pane, milliseconds: milliseconds)
            case .pop: _ = pop()
            case let .status(text): say(text)
            case let .error(text): say(text, error: true)
            case let .modal(modal): result += open(modal, milliseconds: milliseconds)
            }
        }
        return result
    }

    /// Key bindings in force for the focused pane: its own, navigation, then the shell's; dangerous
    /// ones are gone in read-only sessions, and so are those the session's groups may not perform.
    /// Footer, help and dispatch all read this one table.
    public var keyTable: [KeyBinding] {
        (focused.bindings + GlobalKeys.navigation + GlobalKeys.shell).filter { binding in
            guard binding.dangerous else { return true }
            return !header.readonly && binding.group.map(groups.contains) ?? true
        }
    }
}
