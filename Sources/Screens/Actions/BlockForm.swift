import PaymentData

/// `b` / `u` on a suspicious IP: block it (or its network) with a reason and an optional expiry, or
/// unblock it with a reason.
public final class BlockForm: ActionForm {
    public let block: Bool
    /// Expiries offered, in hours (nil: never).
    static let expiries: [(String, Int64?)] = [("never", nil), ("1h", 1), ("24h", 24), ("7d", 168), ("30d", 720)]

    /// A block (or unblock) form prefilled with `network`.
    public init(network: String, block: Bool) {
        self.block = block
        var fields: [FormField] = [.text("network", "Network", value: network, limit: 64, suffix: "IP or CIDR"),
                                   .text("reason", "Reason", limit: 500)]
        if block { fields.append(.choice("expires", "Expires", Self.expiries.map(\.0))) }
        super.init(title: block ? "Block IP" : "Unblock IP", fields: fields)
        focus = 1
        context = [block ? "Payments from a blocked network are refused by the platform's checks."
                         : "Removes the network from the blocklist; the audit log keeps who blocked it and why."]
    }

    override func review() -> Review {
        let text = value("network")
        let network: InetAddress
        do { network = try NetworkParser.parse(text) } catch { return .problem("network: \(error)") }
        let reason = value("reason")
        if reason.isEmpty { return .problem(block ? "blocking needs a reason" : "unblocking needs a reason") }
        guard block else {
            return .confirm(["Unblock \(network.text)", "Reason: \(SafeText.sanitize(reason))"], button: "Unblock",
                            ActionRequest(OperatorActions.unblockIP(network.text, reason: reason, key: key)))
        }
        let hours = Self.expiries.first { $0.0 == value("expires") }?.1 ?? nil
        var expiry: Timestamp?
        if let hours {
            guard let now else { return .problem("the clock is not known yet; try again") }
            expiry = Timestamp(microseconds: now.microseconds + hours * 3_600_000_000)
        }
        return .confirm([
            "Block \(network.text)" + (expiry.map { " until \(Formats.time($0)) UTC" } ?? " with no expiry"),
            "Reason: \(SafeText.sanitize(reason))",
        ], button: "Block", ActionRequest(OperatorActions.blockIP(network.text, reason: reason, expiresAt: expiry, key: key)))
    }
}
