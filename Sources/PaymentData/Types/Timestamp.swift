/// A `timestamptz` as microseconds since the Unix epoch (UTC). No Foundation, no floating point.
public struct Timestamp: Hashable, Comparable, Sendable, CustomStringConvertible, PGParam, PGNonNullDecodable {
    /// Microseconds since 1970-01-01 00:00:00 UTC.
    public var microseconds: Int64

    /// Makes a timestamp from microseconds since the epoch.
    public init(microseconds: Int64) { self.microseconds = microseconds }

    /// Makes a timestamp from a UTC calendar date and time.
    public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0, microsecond: Int = 0) {
        let days = Int64(Timestamp.daysFromCivil(year: year, month: month, day: day))
        let seconds = days * 86_400 + Int64(hour * 3600 + minute * 60 + second)
        microseconds = seconds * 1_000_000 + Int64(microsecond)
    }

    /// Parses PostgreSQL's ISO output (`2026-11-22 03:12:00.123456+00`, offsets `+05:30` too),
    /// or ISO 8601 with a `T` and `Z`.
    public init(pgNonNull text: String) throws(PGDecodingError) {
        guard let value = Timestamp.parse(text) else { throw PGDecodingError("not a timestamp: \(text.prefix(40))") }
        self = value
    }

    /// Parses a timestamp; nil when the text is not one.
    public static func parse(_ text: String) -> Timestamp? {
        let bytes = Array(text.utf8)
        var position = 0
        func number(_ length: Int) -> Int? {
            guard position + length <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[position..<(position + length)] {
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            position += length
            return value
        }
        func expect(_ characters: String) -> Bool {
            guard position < bytes.count, characters.utf8.contains(bytes[position]) else { return false }
            position += 1
            return true
        }
        guard let year = number(4), expect("-"), let month = number(2), expect("-"), let day = number(2),
              (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        var hour = 0, minute = 0, second = 0, micro = 0
        if position < bytes.count, expect(" T") {
            guard let h = number(2), expect(":"), let m = number(2), expect(":"), let s = number(2),
                  h < 24, m < 60, s < 61 else { return nil }
            (hour, minute, second) = (h, m, s)
            if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
                position += 1
                var digits = 0
                while position < bytes.count, bytes[position] >= 48, bytes[position] <= 57 {
                    if digits < 6 { micro = micro * 10 + Int(bytes[position] - 48) }
                    digits += 1
                    position += 1
                }
                guard digits > 0 else { return nil }
                if digits < 6 { for _ in digits..<6 { micro *= 10 } }
            }
        }
        var offsetSeconds = 0
        if position < bytes.count {
            if bytes[position] == UInt8(ascii: "Z") {
                position += 1
            } else {
                let sign = bytes[position] == UInt8(ascii: "-") ? -1 : 1
                guard expect("+-"), let oh = number(2) else { return nil }
                var om = 0, os = 0
                if position < bytes.count, expect(":") { guard let m = number(2) else { return nil }; om = m }
                if position < bytes.count, expect(":") { guard let s = number(2) else { return nil }; os = s }
                offsetSeconds = sign * (oh * 3600 + om * 60 + os)
            }
        }
        guard position == bytes.count else { return nil }
        var stamp = Timestamp(year: year, month: month, day: day, hour: hour, minute: minute, second: second, microsecond: micro)
        stamp.microseconds -= Int64(offsetSeconds) * 1_000_000
        return stamp
    }

    /// The calendar fields in UTC.
    public var components: (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, microsecond: Int) {
        let seconds = microseconds >= 0 ? microseconds / 1_000_000 : (microseconds - 999_999) / 1_000_000
        let micro = Int(microseconds - seconds * 1_000_000)
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = Int(seconds - days * 86_400)
        let (y, m, d) = Timestamp.civilFromDays(Int(days))
        return (y, m, d, secondOfDay / 3600, secondOfDay % 3600 / 60, secondOfDay % 60, micro)
    }

    /// ISO 8601 in UTC with microseconds, as PostgreSQL accepts it back: `2026-11-22T03:12:00.123456Z`.
    public var iso8601: String {
        let c = components
        return "\(pad(c.year, 4))-\(pad(c.month, 2))-\(pad(c.day, 2))T\(pad(c.hour, 2)):\(pad(c.minute, 2)):\(pad(c.second, 2)).\(pad(c.microsecond, 6))Z"
    }

    public var pgText: String? { iso8601 }
    public var description: String { iso8601 }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool { lhs.microseconds < rhs.microseconds }

    /// This timestamp moved by `seconds`.
    public func adding(seconds: Int64) -> Timestamp { Timestamp(microseconds: microseconds + seconds * 1_000_000) }

    /// Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's algorithm).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civilFromDays(_ days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}

private func pad(_ value: Int, _ width: Int) -> String {
    let text = String(value)
    return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
}
