import PaymentData

/// A write the shell sends for a modal: one action query (one transaction on the server) whose
/// result the modal reads as a one-line summary. The shell hands the outcome back with
/// `ConsoleModel.finishAction`.
public struct ActionRequest {
    public let name: String
    public let query: Query<String>
    /// Makes a request from a typed action; the receipt's summary is what the operator reads.
    public init<R: ActionReceipt>(_ query: Query<R>) {
        name = query.name
        self.query = query.map(\.summary)
    }
}

/// What a modal asks of the shell.
public enum ModalEffect {
    /// Close the modal; the status line keeps what it says.
    case close
    /// Close the modal, report success, and reload the pane underneath.
    case done(String)
    /// Run a read (a preview, a dry run); its apply closure feeds the modal.
    case load(DataRequest)
    /// Send the action.
    case perform(ActionRequest)
    case status(String)
    case error(String)
}

/// A box over the panes that owns the keyboard until it closes: the action forms.
public protocol Modal: AnyObject {
    /// The footer's hints while the modal is open (its keys, not the pane's).
    var hints: [KeyHint] { get }
    /// What to do when the modal opens (load a preview, or nothing).
    func start() -> [ModalEffect]
    /// Draws the modal over the body (and places the text cursor with `canvas.setCursor` when editing).
    func render(into canvas: inout Canvas)
    /// Handles a key.
    func handle(_ key: Key) -> [ModalEffect]
    /// The outcome of the action the modal asked for.
    func finished(_ result: Result<String, Error>) -> [ModalEffect]
    /// A read the modal asked for failed (a lost connection while loading a preview).
    func loadFailed(_ message: String) -> [ModalEffect]
}
