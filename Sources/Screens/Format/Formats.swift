import PaymentData

/// How the console writes money, times and counts. Formatting lives only here, in Screens.
public enum Formats {
    /// `$1,234.56`, `€12.00`, `1,500 JPY`, `-$3.00`.
    public static func money(_ amount: Money) -> String {
        let decimal = amount.decimalString
        let negative = decimal.hasPrefix("-")
        let digits = negative ? String(decimal.dropFirst()) : decimal
        let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
        let grouped = group(String(parts[0])) + (parts.count > 1 ? "." + parts[1] : "")
        let sign = negative ? "-" : ""
        if let symbol = amount.currency.symbol { return sign + symbol + grouped }
        return sign + grouped + " " + amount.currency.code
    }

    /// `1,234,567`.
    public static func count(_ value: Int) -> String {
        value < 0 ? "-" + group(String(-value)) : group(String(value))
    }

    /// Digits with thousands separators.
    static func group(_ digits: String) -> String {
        var result = ""
        for (index, character) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { result.append(",") }
            result.append(character)
        }
        return result
    }

    /// `2026-11-20 11:59:03` (UTC).
    public static func time(_ stamp: Timestamp) -> String {
        let c = stamp.components
        return "\(pad(c.year, 4))-\(pad(c.month))-\(pad(c.day)) \(pad(c.hour)):\(pad(c.minute)):\(pad(c.second))"
    }

    /// `11:59:03` when on the same UTC day as `now`, else `11-20 11:59`.
    public static func shortTime(_ stamp: Timestamp, now: Timestamp?) -> String {
        let c = stamp.components
        if let now, now.components.year == c.year, now.components.month == c.month, now.components.day == c.day {
            return "\(pad(c.hour)):\(pad(c.minute)):\(pad(c.second))"
        }
        return "\(pad(c.month))-\(pad(c.day)) \(pad(c.hour)):\(pad(c.minute))"
    }

    /// An age like `42s`, `3m`, `5h12m`, `2d4h`.
    public static func age(from stamp: Timestamp, to now: Timestamp) -> String {
        duration(seconds: max(0, (now.microseconds - stamp.microseconds) / 1_000_000))
    }

    /// A duration like `42s`, `3m`, `5h12m`, `2d4h`.
    public static func duration(seconds: Int64) -> String {
        switch seconds {
        case ..<60: "\(seconds)s"
        case ..<3600: "\(seconds / 60)m"
        case ..<86_400: "\(seconds / 3600)h" + (seconds % 3600 >= 60 ? "\(seconds % 3600 / 60)m" : "")
        default: "\(seconds / 86_400)d" + (seconds % 86_400 >= 3600 ? "\(seconds % 86_400 / 3600)h" : "")
        }
    }

    /// `97.25%` from basis points.
    public static func percent(basisPoints: Int) -> String {
        "\(basisPoints / 100).\(pad(basisPoints % 100))%"
    }

    static func pad(_ value: Int, _ width: Int = 2) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}
