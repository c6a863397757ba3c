import PaymentData

/// A read a pane needs. The query decodes into a change that the shell applies to the pane when the
/// result arrives, so panes never run anything themselves.
public struct DataRequest {
    public let query: Query<() -> Void>
    /// True for a live refresh, which the shell may skip while the operator moves.
    public let isRefresh: Bool
    /// A cheap read whose answer changes when the pane's data may have: a live refresh runs it first and skips the
    /// full read when the answer is the same as before the last one (`ChangeProbeQueries`).
    public var changeProbe: ChangeProbe?

    /// Makes a request whose decoded value is applied with `apply`.
    public init<Value>(_ query: Query<Value>, isRefresh: Bool = false, changeProbe: ChangeProbe? = nil,
                       apply: @escaping (Value) -> Void) {
        self.query = query.map { value in { apply(value) } }
        self.isRefresh = isRefresh
        self.changeProbe = changeProbe
    }
}

/// A pane's change probe: its fingerprint query, and the key its last fingerprint is kept under (the pane and what
/// it shows: a different window is a different key).
public struct ChangeProbe {
    public let key: String
    public let query: Query<String>
    /// Makes a probe.
    public init(key: String, query: Query<String>) {
        self.key = key
        self.query = query
    }
}

/// One chunk of a CSV export and the query for the next (nil at the end): exports stream every
/// matching row page by page, never only what is on screen.
public struct ExportChunk {
    public var rows: [[String]]
    public var next: Query<ExportChunk>?
    /// Makes a chunk.
    public init(rows: [[String]], next: Query<ExportChunk>?) {
        self.rows = rows
        self.next = next
    }
}

/// What Ctrl-S writes: a file name stem, the header, and the first chunk's query (or, for a pane whose rows
/// or figures are all on hand, those rows).
public struct ExportRequest {
    public var fileStem: String
    public var header: [String]
    public var first: Query<ExportChunk>
    /// Every row, when the pane already holds them: the shell writes these and never runs `first`.
    public var held: [[String]]?
    /// Makes an export.
    public init(fileStem: String, header: [String], first: Query<ExportChunk>) {
        self.fileStem = fileStem
        self.header = header
        self.first = first
    }

    /// An export of rows the pane already holds (every row of a list that is loaded whole, a pane's figures).
    public init(fileStem: String, header: [String], rows: [[String]]) {
        self.fileStem = fileStem
        self.header = header
        self.first = Query("export.held", "SELECT 1 WHERE false") { _ in ExportChunk(rows: [], next: nil) }
        held = rows
    }
}

/// What a pane asks the shell to do after a key.
public enum PaneEffect {
    case load(DataRequest)
    case push(any Pane)
    case pop
    case status(String)
    case error(String)
    /// Open an action form over the pane.
    case modal(any Modal)
}

/// Facts a pane may need while drawing.
public struct RenderContext: Sendable {
    /// The server's clock at the last refresh, for ages like "3m".
    public var now: Timestamp?
    public var readonly: Bool
    /// Makes a context.
    public init(now: Timestamp? = nil, readonly: Bool = true) {
        self.now = now
        self.readonly = readonly
    }
}

/// One screen of the console: a list, a detail, a drill-down. Panes are reference types that the
/// shell keeps on a stack per tab; they draw into a canvas and answer keys with effects.
public protocol Pane: AnyObject {
    /// The breadcrumb label.
    var title: String { get }
    /// Keys this pane adds to the global table (footer and help read them).
    var bindings: [KeyBinding] { get }
    /// The read that fills (or refreshes) the pane.
    func load(isRefresh: Bool) -> DataRequest?
    /// Draws the pane's body.
    func render(into canvas: inout Canvas, context: RenderContext)
    /// Handles a navigation or pane action. `visibleRows` is the body's height in rows.
    func handle(_ action: Action, visibleRows: Int) -> [PaneEffect]
    /// Applies a `/` filter; an empty text clears it.
    func applyFilter(_ text: String) -> [PaneEffect]
    /// The filter in force, shown in the breadcrumbs line.
    var filterText: String { get }
    /// The id `y` copies (a payment id, an IP, …).
    var focusedID: String? { get }
    /// What Ctrl-S exports, or nil when the pane has nothing to export.
    func export() -> ExportRequest?
    /// True while the pane has never received data.
    var isEmpty: Bool { get }
    /// The row counter ("41 / 2,992", "41 / ~2,992" when estimated), or nil for a pane that is not a list.
    var rowCount: String? { get }
    /// The pane's whole `/` syntax for help (wrapped there, never cut), or nil without a filter.
    var filterHelp: String? { get }
    /// The keys `/` takes (`status:`), for Tab.
    var filterKeys: [String] { get }
    /// The values a filter key takes (`failed` for `status`), for Tab.
    func filterValues(for key: String) -> [String]
    /// True when `binding` belongs in the footer for the focused row (`u` on a blocked IP); the default
    /// is the binding's own `inFooter`.
    func footerShows(_ binding: KeyBinding) -> Bool
}

extension Pane {
    public var bindings: [KeyBinding] { [] }
    public func applyFilter(_ text: String) -> [PaneEffect] { [.error("this pane has no filter")] }
    public var filterText: String { "" }
    public var focusedID: String? { nil }
    public func export() -> ExportRequest? { nil }
    public var rowCount: String? { nil }
    public var filterHelp: String? { nil }
    public var filterKeys: [String] { [] }
    public func filterValues(for key: String) -> [String] { [] }
    public func footerShows(_ binding: KeyBinding) -> Bool { binding.inFooter }
}
