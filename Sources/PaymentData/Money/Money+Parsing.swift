extension Money {
    /// Parses what an operator types: digits with at most the currency's decimals (`12`, `12.5`, `12.50`), an
    /// optional thousands grouping with commas (`1,234.56`), optionally the currency's symbol before (`$12.50`)
    /// or its code after (`12.50 USD`). Refuses any sign (`-1`, `+1`), a number without a digit before its point
    /// (`.5`), extra decimals, bad grouping, overflow and anything else, with a message that says which.
    public static func parse(_ input: String, currency: Currency) throws(MoneyError) -> Money {
        var text = Substring(input.trimmingCharacters(in: " "))
        guard !text.isEmpty else { throw .empty }
        if text.hasPrefix("-") || text.hasPrefix("−") || text.hasPrefix("(") { throw .negative }
        if text.hasPrefix("+") { throw .invalidCharacters(String(input.prefix(40))) }
        if let symbol = currency.symbol, text.hasPrefix(symbol) { text = text.dropFirst(symbol.count) }
        if text.uppercased().hasSuffix(currency.code) {
            text = text.dropLast(3)
            while text.last == " " { text.removeLast() }
        }
        if text.hasPrefix("-") { throw .negative }
        guard !text.isEmpty else { throw .empty }

        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2 else { throw .invalidCharacters(String(input.prefix(40))) }
        let whole = parts[0]
        let fraction = parts.count == 2 ? parts[1] : ""
        let allowed: Set<Character> = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"]
        guard whole.allSatisfy({ allowed.contains($0) || $0 == "," }), fraction.allSatisfy({ allowed.contains($0) }),
              !whole.isEmpty
        else { throw .invalidCharacters(String(input.prefix(40))) }
        if parts.count == 2 && fraction.isEmpty { throw .invalidCharacters(String(input.prefix(40))) }
        guard fraction.count <= currency.minorDigits else { throw .tooManyDecimals(allowed: currency.minorDigits) }

        var digits = whole
        if whole.contains(",") {
            let groups = whole.split(separator: ",", omittingEmptySubsequences: false)
            guard let first = groups.first, (1...3).contains(first.count),
                  groups.dropFirst().allSatisfy({ $0.count == 3 })
            else { throw .badGrouping }
            digits = Substring(groups.joined())
        }
        var units: Int64 = 0
        for character in digits + fraction + String(repeating: "0", count: currency.minorDigits - fraction.count) {
            let (times, overflowA) = units.multipliedReportingOverflow(by: 10)
            let (sum, overflowB) = times.addingReportingOverflow(Int64(character.wholeNumberValue ?? 0))
            guard !overflowA, !overflowB else { throw .overflow }
            units = sum
        }
        return Money(minorUnits: units, currency: currency)
    }

    /// Like `parse`, and also refuses zero: what a refund or payout form needs.
    public static func parsePositive(_ input: String, currency: Currency) throws(MoneyError) -> Money {
        let amount = try parse(input, currency: currency)
        guard amount.minorUnits > 0 else { throw .zero }
        return amount
    }
}
