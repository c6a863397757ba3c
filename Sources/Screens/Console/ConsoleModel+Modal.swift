import PaymentData

extension ConsoleModel {
    /// Opens a modal (an action form); it owns the keyboard until it closes.
    func open(_ modal: any Modal, milliseconds: Int) -> [ShellEffect] {
        self.modal = modal
        say("")     // a message about something else must not sit next to the form
        if let form = modal as? ActionForm {
            form.sessionUser = header.user
            form.now = now
        }
        return apply(modal.start(), milliseconds: milliseconds)
    }

    /// Routes a key to the open modal.
    func handleModal(_ modal: any Modal, key: Key, milliseconds: Int) -> [ShellEffect] {
        if key == .resize { return [] }
        if key == .control("c") { return [.quit] }     // quits from anywhere, as everywhere else
        (modal as? ActionForm)?.now = now
        return apply(modal.handle(key), milliseconds: milliseconds)
    }

    /// The backend's answer to a `.perform`: the modal decides what the operator sees next.
    public func finishAction(_ result: Result<String, Error>, milliseconds: Int) -> [ShellEffect] {
        guard let modal else { return [] }
        return apply(modal.finished(result), milliseconds: milliseconds)
    }

    /// A modal's read failed: the modal says so instead of waiting forever.
    public func modalLoadFailed(_ message: String, milliseconds: Int) -> [ShellEffect] {
        guard let modal else { return [] }
        return apply(modal.loadFailed(message), milliseconds: milliseconds)
    }

    func apply(_ effects: [ModalEffect], milliseconds: Int) -> [ShellEffect] {
        var result: [ShellEffect] = []
        for effect in effects {
            switch effect {
            case .close:
                modal = nil
            case let .done(summary):
                modal = nil
                say("✓ " + summary)
                lastRefreshMilliseconds = milliseconds
                if let request = focused.load(isRefresh: false) { result.append(.run(request)) }
            case let .load(request): result.append(.run(request))
            case let .perform(request): result.append(.perform(request))
            case let .status(text): say(text)
            case let .error(text): say(text, error: true)
            }
        }
        return result
    }

    /// Draws the open modal over the body rows.
    func renderModal(into grid: inout Grid) {
        guard let modal else { return }
        let body = Rect(x: 0, y: 3, width: grid.width, height: max(0, grid.height - 5))
        grid.cursor = nil
        grid.draw(in: body) { canvas in modal.render(into: &canvas) }
    }
}
