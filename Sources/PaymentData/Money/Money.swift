/// An amount of money: integer minor units (cents) and a currency. Never floating point.
public struct Money: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The amount in minor units, e.g. 1250 for $12.50.
    public let minorUnits: Int64
    public let currency: Currency

    /// Makes an amount from minor units.
    public init(minorUnits: Int64, currency: Currency) {
        self.minorUnits = minorUnits
        self.currency = currency
    }

    /// Zero in `currency`.
    public static func zero(_ currency: Currency) -> Money { Money(minorUnits: 0, currency: currency) }

    /// Adds two amounts of the same currency; mixing currencies or overflowing is an error.
    public func adding(_ other: Money) throws(MoneyError) -> Money {
        guard currency == other.currency else { throw .currencyMismatch(currency, other.currency) }
        let (sum, overflow) = minorUnits.addingReportingOverflow(other.minorUnits)
        guard !overflow else { throw .overflow }
        return Money(minorUnits: sum, currency: currency)
    }

    /// Subtracts an amount of the same currency.
    public func subtracting(_ other: Money) throws(MoneyError) -> Money {
        guard currency == other.currency else { throw .currencyMismatch(currency, other.currency) }
        let (difference, overflow) = minorUnits.subtractingReportingOverflow(other.minorUnits)
        guard !overflow else { throw .overflow }
        return Money(minorUnits: difference, currency: currency)
    }

    /// `basisPoints`/10,000 of this amount, rounded half-up (away from zero at exactly half).
    public func percentage(basisPoints: Int64) throws(MoneyError) -> Money {
        Money(minorUnits: try Money.percentOf(minorUnits, basisPoints: basisPoints), currency: currency)
    }

    /// `basisPoints`/10,000 of `minorUnits`, half-up, exact for every Int64 (no intermediate overflow).
    public static func percentOf(_ minorUnits: Int64, basisPoints: Int64) throws(MoneyError) -> Int64 {
        let negative = (minorUnits < 0) != (basisPoints < 0)
        let product = minorUnits.magnitude.multipliedFullWidth(by: basisPoints.magnitude)
        // (product + 5000) / 10000 in 128-bit arithmetic.
        let (low, carry) = product.low.addingReportingOverflow(5000)
        let high = product.high + (carry ? 1 : 0)
        guard high < 10_000 else { throw .overflow }
        let (quotient, _) = UInt64(10_000).dividingFullWidth((high: high, low: low))
        guard quotient <= UInt64(Int64.max) else { throw .overflow }
        return negative ? -Int64(quotient) : Int64(quotient)
    }

    /// The plain decimal amount without symbol or grouping, e.g. `-12.50`, as CSV and JSON carry it.
    public var decimalString: String {
        let digits = currency.minorDigits
        let magnitude = minorUnits.magnitude
        let sign = minorUnits < 0 ? "-" : ""
        guard digits > 0 else { return sign + String(magnitude) }
        let scale = UInt64(currency.minorPerMajor)
        let fraction = String(magnitude % scale)
        return sign + String(magnitude / scale) + "." + String(repeating: "0", count: digits - fraction.count) + fraction
    }

    public var description: String { "\(decimalString) \(currency.code)" }

    public static func < (lhs: Money, rhs: Money) -> Bool {
        precondition(lhs.currency == rhs.currency, "comparing \(lhs.currency) with \(rhs.currency)")
        return lhs.minorUnits < rhs.minorUnits
    }
}

/// Why an amount could not be made or combined.
public enum MoneyError: Error, Equatable, Sendable, CustomStringConvertible {
    case empty
    case negative
    case zero
    case tooManyDecimals(allowed: Int)
    case badGrouping
    case overflow
    case invalidCharacters(String)
    case currencyMismatch(Currency, Currency)

    public var description: String {
        switch self {
        case .empty: "enter an amount"
        case .negative: "the amount must not be negative"
        case .zero: "the amount must be greater than zero"
        case let .tooManyDecimals(allowed):
            allowed == 0 ? "this currency has no decimals" : "at most \(allowed) decimal\(allowed == 1 ? "" : "s")"
        case .badGrouping: "misplaced thousands separator: write 1,234.56 or 1234.56"
        case .overflow: "the amount is too large"
        case let .invalidCharacters(text): "not an amount: \(text)"
        case let .currencyMismatch(a, b): "cannot combine \(a.code) with \(b.code)"
        }
    }
}
