import PaymentData

// What each pane's `/` takes, for help (whole, wrapped) and Tab; and which write keys the footer offers
// for the focused row. Kept here, beside the prompts, so the panes' own files stay as they are.

extension TransactionsPane {
    public var filterHelp: String? {
        "status:failed,refunded (also pending, processing, completed, partially_refunded or partial, cancelled) "
            + "venue:VENUE_ID  amount:10-50 (or >100, <5)  since:30m|2h|7d  from:DATE  until:DATE (2026-11-20 or "
            + "2026-11-20T12:00:00Z), combined with spaces; or one payment id, id prefix (4+ characters), provider "
            + "intent id (pi_…, DP-…), user id or idempotency key to search. An empty filter shows everything; "
            + "Esc at the top of the list clears it."
    }
    public var filterKeys: [String] { ["status:", "venue:", "amount:", "since:", "from:", "until:"] }
    public func filterValues(for key: String) -> [String] {
        key == "status" ? PaymentStatus.allCases.map(\.rawValue) + ["partial"] : []
    }
}

extension AuditPane {
    public var filterHelp: String? {
        view == .events
            ? "type:EVENT_TYPE (payment.failed …)  payment:PAYMENT_ID (a bare uuid means the same)  ip:ADDRESS or "
                + "ip:NETWORK/BITS (IPv4 or IPv6), combined with spaces. An empty filter shows every event."
            : "an operator's login name: only that operator's actions. An empty filter shows everyone's."
    }
    public var filterKeys: [String] { view == .events ? ["type:", "payment:", "ip:"] : [] }
}

extension SuspiciousIPsPane {
    public var filterHelp: String? {
        "an address (203.0.113.7, 2001:db8::1) or a network (203.0.113.0/24, 2001:db8::/32): opens every payment "
            + "and event from there."
    }

    /// `b` on an address that is not blocked, `u` on one that is.
    public func footerShows(_ binding: KeyBinding) -> Bool {
        switch binding.action {
        case .pane("block"): return selectedRow.map { !$0.blocked } ?? false
        case .pane("unblock"): return selectedRow?.blocked ?? false
        default: return binding.inFooter
        }
    }
}

extension VenuesPane {
    public var filterHelp: String? { "part of a venue name (case-insensitive); an empty filter shows every venue." }
}

extension QueuesPane {
    /// `a` when a dead-letter error group is focused.
    public func footerShows(_ binding: KeyBinding) -> Bool {
        if binding.action == .pane("requeue-group") { return focusOnGroups && selectedQueue == .deadLetters && !selectedGroups.isEmpty }
        return binding.inFooter
    }
}
