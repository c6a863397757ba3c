import PaymentData
import Testing

@Suite("money")
struct MoneyTests {
    static let accepted: [(String, Int64)] = [
        ("12", 1200), ("12.5", 1250), ("12.50", 1250), ("1,234.56", 123_456), ("0.01", 1),
        ("  7.05 ", 705), ("$12.50", 1250), ("12.50 USD", 1250), ("12.50usd", 1250),
        ("1,000,000", 100_000_000), ("0", 0), ("92233720368547758.07", Int64.max),
    ]

    @Test("accepts what operators type", arguments: accepted)
    func accepts(input: String, cents: Int64) throws {
        #expect(try Money.parse(input, currency: .usd).minorUnits == cents)
    }

    static let refused: [(String, MoneyError)] = [
        ("", .empty), ("   ", .empty), ("-5", .negative), ("−5", .negative), ("(5.00)", .negative),
        ("$-5", .negative), ("12.345", .tooManyDecimals(allowed: 2)), ("0.001", .tooManyDecimals(allowed: 2)),
        ("1,23.45", .badGrouping), ("12,34", .badGrouping), (",123", .badGrouping), ("1234,567", .badGrouping),
        ("92233720368547758.08", .overflow), ("99999999999999999999", .overflow),
        ("12.", .invalidCharacters("12.")), ("1.2.3", .invalidCharacters("1.2.3")), ("abc", .invalidCharacters("abc")),
        ("1e5", .invalidCharacters("1e5")), ("12 50", .invalidCharacters("12 50")), ("٣", .invalidCharacters("٣")),
        ("１２", .invalidCharacters("１２")), ("12.50 EUR", .invalidCharacters("12.50 EUR")),
        ("0x10", .invalidCharacters("0x10")), ("\u{1b}[31m5", .invalidCharacters("\u{1b}[31m5")),
        ("5\u{0}", .invalidCharacters("5\u{0}")), ("NaN", .invalidCharacters("NaN")), ("$", .empty),
        ("+3", .invalidCharacters("+3")), (".5", .invalidCharacters(".5")), ("$.5", .invalidCharacters("$.5")),
    ]

    @Test("refuses everything else, saying why", arguments: refused)
    func refuses(input: String, expected: MoneyError) {
        let error = #expect(throws: MoneyError.self) { try Money.parse(input, currency: .usd) }
        #expect(error == expected, "\(input.debugDescription)")
        #expect(error?.description.isEmpty == false)
    }

    /// The grammar the README states, written independently of the parser: optional symbol, digits (optionally
    /// grouped 1–3 then threes), optional point and 1–2 digits, optional code.
    static func documented(_ input: String) -> Bool {
        var text = Substring(input.trimmingCharacters(in: " "))
        if text.hasPrefix("$") { text = text.dropFirst() }
        if text.uppercased().hasSuffix("USD") { text = text.dropLast(3); while text.last == " " { text.removeLast() } }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = parts.first, !whole.isEmpty else { return false }
        if parts.count == 2 { guard (1...2).contains(parts[1].count), parts[1].allSatisfy({ $0.isASCII && $0.isNumber }) else { return false } }
        let groups = whole.split(separator: ",", omittingEmptySubsequences: false)
        guard groups.allSatisfy({ !$0.isEmpty && $0.allSatisfy({ $0.isASCII && $0.isNumber }) }) else { return false }
        if groups.count > 1 {
            guard (1...3).contains(groups[0].count), groups.dropFirst().allSatisfy({ $0.count == 3 }) else { return false }
        }
        return whole.filter { $0.isASCII && $0.isNumber }.count <= 17
    }

    @Test("fuzz: 20,000 strings from the amount alphabet are accepted exactly when the README's grammar says so")
    func fuzz() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("0123456789.,$+- USDusd€e\u{1b}")
        for _ in 0..<20_000 {
            let length = Int.random(in: 0...9, using: &generator)
            let input = String((0..<length).map { _ in alphabet.randomElement(using: &generator)! })
            let parsed = try? Money.parse(input, currency: .usd)
            #expect((parsed != nil) == Self.documented(input), "\(input.debugDescription)")
            if let parsed {
                // What was accepted reads back as itself.
                #expect((try? Money.parse(parsed.decimalString, currency: .usd)) == parsed, "\(input.debugDescription)")
            }
        }
    }

    @Test("zero-decimal and three-decimal currencies")
    func currencyDigits() throws {
        let yen = Currency("jpy")!
        #expect(try Money.parse("1,500", currency: yen).minorUnits == 1500)
        #expect(throws: MoneyError.tooManyDecimals(allowed: 0)) { try Money.parse("15.5", currency: yen) }
        #expect(try Money.parse("1.234", currency: Currency("BHD")!).minorUnits == 1234)
        #expect(Money(minorUnits: 1500, currency: yen).decimalString == "1500")
        #expect(Currency("US") == nil && Currency("U$D") == nil)
    }

    @Test("parsePositive refuses zero")
    func positive() {
        #expect(throws: MoneyError.zero) { try Money.parsePositive("0.00", currency: .usd) }
    }

    static let basisPoints: [(Int64, Int64, Int64)] = [
        (10_000, 790, 790), (1050, 700, 74), (1050, 225, 24), (50, 5000, 25), (1, 5000, 1), (1, 4999, 0),
        (15_000, 100, 150), (149, 100, 1), (150, 100, 2), (0, 820, 0), (-1050, 700, -74), (3, 1, 0),
        (Int64.max, 10_000, Int64.max), (Int64.max / 2, 20_000, Int64.max - 1),
    ]

    @Test("basis points round half-up in integer math", arguments: basisPoints)
    func percentages(cents: Int64, bps: Int64, expected: Int64) throws {
        #expect(try Money.percentOf(cents, basisPoints: bps) == expected)
    }

    @Test("basis points overflow is an error, not a trap")
    func percentageOverflow() {
        #expect(throws: MoneyError.overflow) { try Money.percentOf(Int64.max, basisPoints: 20_000) }
    }

    @Test("arithmetic refuses mixed currencies and overflow")
    func arithmetic() throws {
        let a = Money(minorUnits: 100, currency: .usd)
        #expect(try a.adding(a).minorUnits == 200)
        #expect(try a.subtracting(Money(minorUnits: 250, currency: .usd)).minorUnits == -150)
        #expect(throws: MoneyError.currencyMismatch(.usd, .eur)) { try a.adding(Money(minorUnits: 1, currency: .eur)) }
        #expect(throws: MoneyError.overflow) { try Money(minorUnits: .max, currency: .usd).adding(a) }
    }

    @Test("decimal strings", arguments: [(Int64(0), "0.00"), (5, "0.05"), (1250, "12.50"), (-1, "-0.01"), (Int64.min, "-92233720368547758.08")])
    func decimals(cents: Int64, text: String) {
        #expect(Money(minorUnits: cents, currency: .usd).decimalString == text)
    }
}

@Suite("timestamps")
struct TimestampTests {
    @Test("parses PostgreSQL's ISO output and ISO 8601", arguments: [
        ("2026-11-22 03:12:00+00", "2026-11-22T03:12:00.000000Z"),
        ("2026-11-22 03:12:00.5+00", "2026-11-22T03:12:00.500000Z"),
        ("2026-11-22 03:12:00.123456-08", "2026-11-22T11:12:00.123456Z"),
        ("2024-02-29T23:59:59.9999999Z", "2024-02-29T23:59:59.999999Z"),
        ("1969-12-31 23:59:59+00", "1969-12-31T23:59:59.000000Z"),
        ("2026-01-01", "2026-01-01T00:00:00.000000Z"),
        ("2026-03-01 00:00:00+05:45", "2026-02-28T18:15:00.000000Z"),
    ])
    func parses(text: String, iso: String) throws {
        #expect(Timestamp.parse(text)?.iso8601 == iso)
    }

    @Test("refuses garbage", arguments: ["", "2026-13-01", "2026-11-22 25:00:00", "yesterday", "2026-11-22 03:12:00.+00", "2026-11-22 03:12:00+00 junk"])
    func refuses(text: String) {
        #expect(Timestamp.parse(text) == nil)
    }

    @Test("uuids and prefixes")
    func uuids() throws {
        #expect(PGUUID("{3FA85F64-5717-4562-B3FC-2C963F66AFA6}")?.string == "3fa85f64-5717-4562-b3fc-2c963f66afa6")
        #expect(PGUUID("3fa85f64") == nil && PGUUID("zzzzzzzz-5717-4562-b3fc-2c963f66afa6") == nil)
        let range = try #require(PGUUID.range(forPrefix: "3fa8"))
        #expect(range.lowerBound.string == "3fa80000-0000-0000-0000-000000000000")
        #expect(range.upperBound.string == "3fa8ffff-ffff-ffff-ffff-ffffffffffff")
        #expect(PGUUID.range(forPrefix: "xyz") == nil && PGUUID.range(forPrefix: "") == nil)
    }
}
