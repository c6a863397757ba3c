import PaymentData

/// Reads the Audit trail's `/` filter for payment events: `type:payment.failed`, `payment:UUID`,
/// `ip:203.0.113.7` or `ip:203.0.113.0/24`, combined with spaces; a bare uuid means `payment:`.
public enum EventFilterParser {
    /// Parses `text` into a filter; an empty text is no filter. Throws a message an operator can act on.
    public static func parse(_ text: String) throws(FilterError) -> EventFilter {
        var filter = EventFilter()
        for token in text.split(separator: " ").map(String.init) {
            guard let colon = token.firstIndex(of: ":"), !token.hasPrefix("[") else {
                if let id = PGUUID(token) { filter.paymentID = id; continue }
                throw FilterError("\(token.prefix(40)): use type:EVENT_TYPE, payment:UUID or ip:ADDRESS[/BITS]")
            }
            let key = token[..<colon].lowercased()
            let value = String(token[token.index(after: colon)...])
            switch key {
            case "type":
                guard !value.isEmpty, value.count <= 100,
                      value.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) })
                else { throw FilterError("type: takes an event type like payment.failed") }
                filter.eventType = value
            case "payment":
                guard let id = PGUUID(value) else { throw FilterError("payment: takes a full payment id (uuid)") }
                filter.paymentID = id
            case "ip":
                filter.network = try NetworkParser.parse(value)
            default:
                if let id = PGUUID(token) { filter.paymentID = id; continue }
                throw FilterError("unknown filter \(key.prefix(20)): (use type: payment: ip:)")
            }
        }
        return filter
    }
}
