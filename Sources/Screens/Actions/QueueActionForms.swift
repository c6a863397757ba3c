import PaymentData

/// A one-row queue action with nothing to type (retry a webhook, requeue a dead letter, reset a stuck
/// outbox row): straight to the confirm dialog, focus on Cancel.
public final class RowActionForm: ActionForm {
    let lines: [String]
    let button: String
    let request: (IdempotencyKey) -> ActionRequest

    /// A confirm-only action; `request` builds the action with the form's idempotency key.
    public init(title: String, lines: [String], button: String, request: @escaping (IdempotencyKey) -> ActionRequest) {
        self.lines = lines
        self.button = button
        self.request = request
        super.init(title: title)
    }

    override func review() -> Review { .confirm(lines, button: button, request(key)) }
}

/// `a` on dead letters: requeue a whole error group. The dry run runs first and the dialog lists
/// what it would touch; nothing is written until the operator confirms.
public final class GroupRequeueForm: ActionForm {
    public let errorGroup: String

    /// A bulk requeue of one error group.
    public init(errorGroup: String) {
        self.errorGroup = errorGroup
        super.init(title: "Requeue error group")
        context = ["Error group \"\(SafeText.sanitize(errorGroup))\""]
    }

    override func review() -> Review {
        let dryRun = OperatorActions.requeueGroup(errorGroup, dryRun: true, key: key)
        return .check(DataRequest(dryRun) { [weak self] receipt in self?.received(dryRun: receipt) })
    }

    /// Takes the dry run: what the requeue would touch.
    public func received(dryRun: GroupRequeueReceipt) {
        guard !dryRun.deadLetterIDs.isEmpty else {
            refuse("dry run: no waiting dead letters with error \"\(SafeText.sanitize(errorGroup))\"; nothing to do")
            return
        }
        let ids = dryRun.deadLetterIDs.prefix(12).map(String.init).joined(separator: ", ")
            + (dryRun.deadLetterIDs.count > 12 ? ", … (\(dryRun.deadLetterIDs.count - 12) more)" : "")
        let count = dryRun.deadLetterIDs.count
        confirm([
            "Dry run: \(count) waiting dead letter\(count == 1 ? "" : "s") with error \"\(SafeText.sanitize(errorGroup))\"",
            "ids \(ids)",
            "Each is copied back into the outbox and stamped as requeued; none is deleted. Exactly these are "
                + "requeued: if one changes before you confirm, nothing is and the dry run must be run again.",
        ], button: "Requeue \(count)",
           ActionRequest(OperatorActions.requeueExactly(dryRun.deadLetterIDs, errorGroup: errorGroup, key: key)))
    }
}
