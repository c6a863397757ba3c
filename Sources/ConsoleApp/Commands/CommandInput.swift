import PaymentData
import Screens

/// Turns what an operator typed into typed values. Bad input is refused like a rule (exit 2, code
/// `payops-input`) with a message that names the argument, before anything reaches the database.
enum CommandInput {
    /// A uuid such as a payment, payout, venue or webhook id.
    static func uuid(_ text: String, _ what: String) throws -> PGUUID {
        guard let id = PGUUID(text) else {
            throw ActionRefusal(.invalidInput, "\(what) \"\(text.prefix(60))\" is not an id (a uuid such as "
                                + "3fa85f64-5717-4562-b3fc-2c963f66afa6)")
        }
        return id
    }

    /// A positive integer id such as a dead letter's or an outbox row's.
    static func rowID(_ text: String, _ what: String) throws -> Int64 {
        guard text.allSatisfy({ $0.isASCII && $0.isNumber }), let id = Int64(text), id > 0 else {
            throw ActionRefusal(.invalidInput, "\(what) \"\(text.prefix(40))\" is not an id (a positive whole number)")
        }
        return id
    }

    /// An amount in the target's currency: `12.50` is 1250 cents of a USD payment, `1250` yen of a JPY one.
    static func amount(_ text: String, in currency: Currency, of what: String, line: String = "") throws -> Money {
        do {
            return try Money.parsePositive(text, currency: currency)
        } catch {
            throw ActionRefusal(.invalidInput, line + "amount \"\(text.prefix(40))\": \(error) (\(what) is in \(currency.code))")
        }
    }

    /// An IPv4 or IPv6 address or network (`203.0.113.7`, `198.51.100.0/24`, `2001:db8::/32`).
    static func network(_ text: String) throws -> InetAddress {
        do {
            return try NetworkParser.parse(text)
        } catch {
            throw ActionRefusal(.invalidInput, error.description)
        }
    }

    /// When a block ends: a time (`2026-12-01T00:00:00Z`, `2026-12-01`) or a duration from now (`30m`,
    /// `24h`, `7d`, `2w`), returned as a PostgreSQL interval for the server's clock to resolve.
    enum Expiry: Equatable {
        case at(Timestamp)
        case after(interval: String)
    }

    /// Parses `--expires`.
    static func expiry(_ text: String) throws -> Expiry {
        if let time = Timestamp.parse(text) { return .at(time) }
        let units: [Character: String] = ["m": "minutes", "h": "hours", "d": "days", "w": "weeks"]
        if let unit = text.last.flatMap({ units[$0] }), let count = Int(text.dropLast()), count > 0,
           text.dropLast().allSatisfy({ $0.isASCII && $0.isNumber }), count <= 100_000 {
            return .after(interval: "\(count) \(unit)")
        }
        throw ActionRefusal(.invalidInput, "--expires \"\(text.prefix(40))\" is neither a time like "
                            + "2026-12-01T00:00:00Z nor a duration like 30m, 24h, 7d or 2w")
    }
}
