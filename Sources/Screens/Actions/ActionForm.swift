import PaymentData

/// The shape every action form shares: context lines, fields, a review that checks the input with the
/// same rules the database applies, a confirm dialog that restates the action with focus on Cancel,
/// then the send. The idempotency key is made when the form opens, so sending twice (Enter pressed
/// again after a lost connection) can never act twice. Subclasses supply the preview, fields and review.
open class ActionForm: Modal {
    public enum Stage: Equatable, Sendable { case loading, editing, checking, confirming, sending }

    /// What the review decided.
    public enum Review {
        /// The input breaks a rule: say why and stay in the form.
        case problem(String)
        /// Ask for confirmation: what will happen, the confirm button's label, and the action.
        case confirm([String], button: String, ActionRequest)
        /// Run a read first (a dry run) whose apply calls `confirm(…)` or `refuse(…)`.
        case check(DataRequest)
    }

    public let title: String
    public internal(set) var fields: [FormField]
    public internal(set) var focus = 0
    public internal(set) var stage: Stage = .editing
    /// Why the last review or send was refused; shown in the form.
    public internal(set) var problem: String?
    /// Lines above the fields: what the action is about.
    public internal(set) var context: [String] = []
    public internal(set) var confirmation: (lines: [String], button: String, request: ActionRequest)?
    /// 0: Cancel (the default), 1: the confirm button.
    public internal(set) var confirmFocus = 0
    public let key = IdempotencyKey.make()
    /// The login acting (for four-eyes checks before sending); set by the console when the form opens.
    public internal(set) var sessionUser = ""
    /// Wall-clock time, kept current by the console (for expiries).
    public internal(set) var now: Timestamp?

    init(title: String, fields: [FormField] = []) {
        self.title = title
        self.fields = fields
    }

    // MARK: what subclasses supply

    /// The read that fills `context` and the fields before editing; nil when there is none.
    func prepare() -> DataRequest? { nil }

    /// Checks the fields and says what to confirm.
    func review() -> Review { .problem("nothing to do") }

    /// A key of the form's own while editing (before the focused field sees it); true when handled.
    func formKey(_ key: Key) -> Bool { false }

    // MARK: helpers for subclasses

    /// A field's value, trimmed.
    func value(_ name: String) -> String {
        (fields.first { $0.name == name }?.value ?? "").trimmingCharacters(in: " ")
    }

    /// A refusal waiting for the fresh preview, so it can be explained with current figures.
    private var pendingRefusal: ActionRefusal?
    /// An error for the status line that arrived with data (not with a key); the console takes it.
    var statusUpdate: String?

    /// Shows the form after a preview arrived. After a refusal, the review runs again on the fresh
    /// figures and explains the refusal in the form's own words (amounts, not cents); returns true then.
    @discardableResult
    func ready(context: [String], fields: [FormField]? = nil) -> Bool {
        self.context = context
        if let fields { self.fields = fields }
        stage = .editing
        guard let refusal = pendingRefusal else { return false }
        pendingRefusal = nil
        if case let .problem(text) = review() {
            problem = "refused (\(refusal.code)): \(text) — the figures above are current"
            statusUpdate = "refused (\(refusal.code)): \(text)"
        } else {
            problem = "refused (\(refusal.code)): \(refusal.description)"
            statusUpdate = problem
        }
        return true
    }

    /// Moves to the confirm dialog (after a dry run).
    func confirm(_ lines: [String], button: String, _ request: ActionRequest) {
        guard stage == .checking || stage == .editing else { return }
        confirmation = (lines, button, request)
        confirmFocus = 0
        problem = nil
        stage = .confirming
    }

    /// Back to editing with a reason (after a dry run found nothing, for instance).
    func refuse(_ reason: String) {
        problem = reason
        stage = .editing
    }

    // MARK: Modal

    public var hints: [KeyHint] {
        switch stage {
        case .loading: [KeyHint("Esc", "cancel")]
        case .editing:
            fields.isEmpty ? [KeyHint("Enter", "check again"), KeyHint("Esc", "close")]
                : [KeyHint("Enter", "review"), KeyHint("Tab/↑↓", "field"), KeyHint("←/→", "choose"),
                   KeyHint("Ctrl-U", "clear"), KeyHint("Esc", "cancel")]
        case .checking: [KeyHint("Esc", "stop waiting")]
        case .confirming: [KeyHint("←/→", "Cancel or \(confirmation?.button ?? "confirm")"), KeyHint("Enter", "press"),
                           KeyHint("Esc", "back")]
        case .sending: [KeyHint("…", "sending: one transaction, waiting for its result")]
        }
    }

    public func start() -> [ModalEffect] {
        guard let request = prepare() else { return fields.isEmpty ? reviewEffects() : [] }
        stage = .loading
        return [.load(request)]
    }

    public func handle(_ key: Key) -> [ModalEffect] {
        switch stage {
        case .loading:
            return key == .escape ? [.status("cancelled; nothing changed"), .close] : []
        case .checking:
            if key == .escape { stage = .editing }
            return []
        case .sending:
            return [.status("sending \(title.lowercased())… (it cannot be called back once sent)")]
        case .confirming:
            return handleConfirm(key)
        case .editing:
            return handleEditing(key)
        }
    }

    private func handleEditing(_ key: Key) -> [ModalEffect] {
        switch key {
        case .escape: return [.status("cancelled; nothing changed"), .close]
        case .enter: return reviewEffects()
        case .tab, .down: if !fields.isEmpty { focus = (focus + 1) % fields.count }
        case .backTab, .up: if !fields.isEmpty { focus = (focus + fields.count - 1) % fields.count }
        default:
            guard fields.indices.contains(focus) else { return [] }
            if formKey(key) { problem = nil; return [] }
            // Typing into a choice never changes it silently: say how it changes instead.
            if case let .choice(options) = fields[focus].kind, case .character = key {
                problem = "\(fields[focus].label) is a choice (\(options.joined(separator: ", "))): ←/→ change it"
                return []
            }
            if fields[focus].edit(key) { problem = nil }
        }
        return []
    }

    private func reviewEffects() -> [ModalEffect] {
        switch review() {
        case let .problem(text):
            problem = text
            // A form with nothing to edit has nowhere to show the problem but the status line.
            return fields.isEmpty ? [.error(text), .close] : []
        case let .confirm(lines, button, request):
            stage = .editing
            confirm(lines, button: button, request)
            return []
        case let .check(request):
            stage = .checking
            problem = nil
            return [.load(request)]
        }
    }

    private func handleConfirm(_ key: Key) -> [ModalEffect] {
        switch key {
        case .left, .right, .tab, .backTab, .character("h"), .character("l"):
            confirmFocus = 1 - confirmFocus
        case .escape:
            if fields.isEmpty { return [.status("cancelled; nothing changed"), .close] }
            stage = .editing
        case .enter:
            guard confirmFocus == 1, let confirmation else {
                return [.status("cancelled; nothing changed"), .close]
            }
            stage = .sending
            problem = nil
            return [.perform(confirmation.request)]
        default: break
        }
        return []
    }

    public func finished(_ result: Result<String, Error>) -> [ModalEffect] {
        guard stage == .sending else { return [] }
        switch result {
        case let .success(summary):
            return [.done(summary)]
        case let .failure(error):
            if let refusal = error.asRefusal {
                let text = "refused (\(refusal.code)): \(refusal.description)"
                // Someone else may have moved the figures (a refund, an approval): read them again first.
                if let reload = prepare() {
                    pendingRefusal = refusal
                    stage = .loading
                    return [.error("refused (\(refusal.code)) by the database; the form says why"), .load(reload)]
                }
                if fields.isEmpty { return [.error(text), .close] }
                problem = text
                stage = .editing
                return [.error(text)]
            }
            // Unknown outcome (lost connection): the same key makes a retry safe.
            let text = "not confirmed: \(Self.words(error)) — Enter retries with the same idempotency key (no double action)"
            problem = text
            stage = .confirming
            confirmFocus = 1
            return [.error(text)]
        }
    }

    public func loadFailed(_ message: String) -> [ModalEffect] {
        switch stage {
        case .loading: return [.error(message), .close]
        case .checking: refuse(message); return [.error(message)]
        default: return []
        }
    }

    static func words(_ error: Error) -> String {
        if let error = error as? PGError { return error.kind == .connection ? "connection lost: \(error.message)" : error.message }
        return "\(error)"
    }
}
