import PaymentData

/// Reads the Transactions `/` filter: `status:failed,refunded venue:UUID amount:10-50 since:2h
/// from:2026-11-20 until:2026-11-21`, or anything else as a search (payment id, id prefix, `pi_…`/`DP-…`
/// intent id, user id, idempotency key).
public enum TransactionFilterParser {
    /// What the text asks for: a filter, or a search.
    public enum Parsed: Equatable {
        case filter(TransactionFilter)
        case search(String)
    }

    /// Parses `text`; `now` anchors `since:`. Throws a message an operator can act on.
    public static func parse(_ text: String, now: Timestamp?) throws(FilterError) -> Parsed {
        let tokens = text.split(separator: " ").map(String.init)
        guard !tokens.isEmpty else { return .filter(TransactionFilter()) }
        if tokens.count == 1, !tokens[0].contains(":") { return .search(tokens[0]) }
        var filter = TransactionFilter()
        for token in tokens {
            guard let colon = token.firstIndex(of: ":") else {
                throw FilterError("\(token): search by one id at a time, or use key:value filters (status: venue: amount: since: from: until:)")
            }
            let key = token[..<colon].lowercased()
            let value = String(token[token.index(after: colon)...])
            switch key {
            case "status":
                for name in value.split(separator: ",") {
                    let normalized = name.lowercased() == "partial" ? "partially_refunded" : name.lowercased()
                    guard let status = PaymentStatus(rawValue: normalized) else {
                        throw FilterError("unknown status \(name): use " + PaymentStatus.allCases.map(\.rawValue).joined(separator: ", "))
                    }
                    filter.statuses.append(status)
                }
            case "venue":
                guard let id = PGUUID(value) else { throw FilterError("venue: takes a venue id (use :venue NAME to find one)") }
                filter.venueID = id
            case "amount":
                try parseAmount(value, into: &filter)
            case "since":
                guard let seconds = parseDuration(value) else { throw FilterError("since: takes 30m, 2h, 7d …") }
                guard let now else { throw FilterError("since: needs the server clock; try again after the first refresh") }
                filter.from = now.adding(seconds: -seconds)
            case "from", "until":
                guard let stamp = Timestamp.parse(value) else { throw FilterError("\(key): takes a date like 2026-11-20 or 2026-11-20T12:00:00Z") }
                if key == "from" { filter.from = stamp } else { filter.until = stamp }
            default:
                throw FilterError("unknown filter \(key): (use status: venue: amount: since: from: until:)")
            }
        }
        return .filter(filter)
    }

    static func parseAmount(_ value: String, into filter: inout TransactionFilter) throws(FilterError) {
        func cents(_ text: Substring) throws(FilterError) -> Int64 {
            do { return try Money.parse(String(text), currency: .usd).minorUnits } catch {
                throw FilterError("amount: \(error)")
            }
        }
        if value.hasPrefix(">") {
            filter.minAmount = try cents(value.dropFirst())
        } else if value.hasPrefix("<") {
            filter.maxAmount = try cents(value.dropFirst())
        } else if let dash = value.firstIndex(of: "-") {
            filter.minAmount = try cents(value[..<dash])
            filter.maxAmount = try cents(value[value.index(after: dash)...])
            if let low = filter.minAmount, let high = filter.maxAmount, low > high {
                throw FilterError("amount: the lower bound is above the upper bound")
            }
        } else {
            let exact = try cents(Substring(value))
            filter.minAmount = exact
            filter.maxAmount = exact
        }
    }

    /// `30m` → 1800, `2h` → 7200, `7d` → 604800.
    static func parseDuration(_ text: String) -> Int64? {
        guard let unit = text.last, let number = Int64(text.dropLast()), number > 0, number < 100_000 else { return nil }
        switch unit {
        case "s": return number
        case "m": return number * 60
        case "h": return number * 3600
        case "d": return number * 86_400
        default: return nil
        }
    }
}

/// A filter the operator typed that cannot be applied, with what to type instead.
public struct FilterError: Error, Equatable, CustomStringConvertible {
    public let description: String
    /// Makes an error.
    public init(_ description: String) { self.description = description }
}
