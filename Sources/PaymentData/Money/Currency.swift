/// An ISO 4217 currency code and how many minor units it has (USD: 2, JPY: 0, BHD: 3).
public struct Currency: Hashable, Sendable, CustomStringConvertible, PGParam, PGNonNullDecodable {
    public let code: String
    public let minorDigits: Int

    /// Makes a currency from a three-letter code; nil for anything else.
    public init?(_ code: String) {
        // Fast path for what the database stores (three ASCII capitals): no case mapping, no Unicode properties.
        if code.utf8.count == 3, code.utf8.allSatisfy({ $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }) {
            self.code = code
            minorDigits = Currency.zeroDecimal.contains(code) ? 0 : Currency.threeDecimal.contains(code) ? 3 : 2
            return
        }
        let upper = code.uppercased()
        guard upper.count == 3, upper.allSatisfy({ $0.isASCII && $0.isLetter }) else { return nil }
        self.code = upper
        minorDigits = Currency.zeroDecimal.contains(upper) ? 0 : Currency.threeDecimal.contains(upper) ? 3 : 2
    }

    public init(pgNonNull text: String) throws(PGDecodingError) {
        guard let currency = Currency(text) else { throw PGDecodingError("not a currency code: \(text.prefix(10))") }
        self = currency
    }

    public static let usd = Currency("USD")!
    public static let eur = Currency("EUR")!
    public static let gbp = Currency("GBP")!

    public var pgText: String? { code }
    public var description: String { code }

    /// The symbol operators expect, or nil when the code itself is clearer.
    public var symbol: String? {
        switch code {
        case "USD": "$"
        case "EUR": "€"
        case "GBP": "£"
        case "JPY": "¥"
        default: nil
        }
    }

    /// 10^minorDigits: minor units in one major unit.
    public var minorPerMajor: Int64 {
        var value: Int64 = 1
        for _ in 0..<minorDigits { value *= 10 }
        return value
    }

    static let zeroDecimal: Set<String> = ["JPY", "KRW", "CLP", "ISK", "VND", "XAF", "XOF", "UGX", "PYG"]
    static let threeDecimal: Set<String> = ["BHD", "KWD", "OMR", "JOD", "TND", "IQD", "LYD"]
}
