/// The write keys, one table so every pane offers the same key for the same action. Each is
/// `dangerous` (hidden in read-only sessions) and names the group role that may perform it.
extension KeyBinding {
    /// The same binding, in or out of the footer.
    public func with(inFooter: Bool) -> KeyBinding {
        var copy = self
        copy.inFooter = inFooter
        return copy
    }
}

public enum ActionKeys {
    public static let support = "payops_support", finance = "payops_finance", oncall = "payops_oncall"

    public static let refund = KeyBinding.write("r", "refund", "refund this payment", group: support)
    public static let block = KeyBinding.write("b", "block", "block this IP / network", group: support)
    public static let unblock = KeyBinding.write("u", "unblock", "unblock this IP / network", group: support, inFooter: false)
    public static let requestPayout = KeyBinding.write("p", "payout", "request a payout", group: finance)
    public static let approve = KeyBinding.write("a", "approve", "approve this payout (four-eyes)", group: finance)
    public static let reject = KeyBinding.write("x", "reject", "reject this payout", group: finance)
    public static let retryWebhook = KeyBinding.write("r", "retry", "retry this failed webhook (or every marked one)", group: oncall)
    public static let retryGroup = KeyBinding.write("a", "retry-group", "retry its whole error group (dry run first)",
                                                    group: oncall)
    public static let requeue = KeyBinding.write("r", "requeue", "requeue this dead letter (or every marked one)",
                                                 group: oncall)
    public static let requeueGroup = KeyBinding.write("a", "requeue-group", "requeue its whole error group (dry run first)",
                                                      group: oncall)
    public static let resetOutbox = KeyBinding.write("r", "reset", "reset this stuck outbox row for retry", group: oncall)
}
