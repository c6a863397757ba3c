import PaymentData

/// One line of the session's message log (`:log`): when, what, and whether it was an error.
public struct LoggedMessage: Sendable, Equatable {
    public var at: Timestamp?
    public var text: String
    public var isError: Bool
    /// Makes a log line.
    public init(at: Timestamp?, text: String, isError: Bool) {
        self.at = at
        self.text = text
        self.isError = isError
    }
}

extension ConsoleModel {
    /// How long a transient message ("x: no such key here") stays.
    public static let transientMilliseconds = 5000
    /// Lines the log keeps (the oldest go first).
    static let logLimit = 1000

    /// Adds a line to the message log; progress lines that repeat ("exporting… N rows") replace each other.
    func log(_ text: String, error: Bool) {
        guard !text.isEmpty else { return }
        let entry = LoggedMessage(at: now, text: text, isError: error)
        if let last = messageLog.last, last.text == text || (last.text.hasPrefix("exporting…") && text.hasPrefix("exporting…")) {
            messageLog[messageLog.count - 1] = entry
        } else {
            messageLog.append(entry)
        }
        if messageLog.count > Self.logLimit { messageLog.removeFirst(messageLog.count - Self.logLimit) }
    }

    /// Clears the status line when what it says no longer applies.
    func clearTransientStatus() {
        guard statusIsTransient else { return }
        status = ""
        statusIsError = false
        statusIsTransient = false
    }

    /// What the status line says for a key that does nothing here: which role or mode a write key needs when
    /// the pane has it but the session may not use it, else "no such key".
    func unavailableKeyMessage(_ key: Key) -> String {
        if let binding = focused.bindings.first(where: { $0.keys.contains(key) && $0.dangerous }) {
            let what = binding.description.split(separator: " (").first.map(String.init) ?? binding.description
            if let group = binding.group, !groups.contains(group) {
                let yours = groups.sorted().joined(separator: ", ")
                return "\(key.label): \(what) needs \(group)" + (yours.isEmpty ? "" : " (your groups: \(yours))")
            }
            if header.readonly { return "\(key.label): \(what) is not available in a read-only session" }
        }
        return "\(key.label): no such key here (? for help)"
    }
}

/// `:log`: this session's messages, errors and actions with their times, newest first.
public final class MessageLogPane: Pane {
    private let entries: [LoggedMessage]
    private var selection = RowSelection()

    /// A pane over a copy of the log as it is now.
    public init(_ entries: [LoggedMessage]) { self.entries = entries.reversed() }

    public var title: String { "Messages" }
    public var isEmpty: Bool { false }
    public func load(isRefresh: Bool) -> DataRequest? { nil }

    public func handle(_ action: Action, visibleRows: Int) -> [PaneEffect] {
        selection.move(action, count: entries.count, visibleRows: visibleRows)
        return []
    }

    public var focusedID: String? { entries.indices.contains(selection.index) ? entries[selection.index].text : nil }

    static let columns = [TableView.Column("Time (UTC)", width: .fixed(19)), TableView.Column("", width: .fixed(5)),
                          TableView.Column("Message", width: .flexible(min: 10), priority: 1)]

    public func render(into canvas: inout Canvas, context: RenderContext) {
        let rows = entries.map { entry in
            [Label(entry.at.map(Formats.time) ?? "", .dim), Label(entry.isError ? "error" : "", entry.isError ? .failed : .dim),
             Label(entry.text, entry.isError ? .failed : .normal)]
        }
        let table = TableView(columns: Self.columns, rows: rows, selected: selection.index,
                              emptyMessage: "no messages yet in this session")
        canvas.renderScrolling(table, offset: &selection.offset)
    }
}
