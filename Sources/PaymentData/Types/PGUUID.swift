/// A uuid, kept in PostgreSQL's canonical lower-case hyphenated form.
public struct PGUUID: Hashable, Comparable, Sendable, CustomStringConvertible, PGParam, PGNonNullDecodable {
    /// The canonical text, e.g. `3fa85f64-5717-4562-b3fc-2c963f66afa6`.
    public let string: String

    /// Parses a uuid in any case, with or without hyphens or braces; nil if it is not one. Works on UTF-8 bytes:
    /// PostgreSQL's own output (canonical already) is kept as it is, anything else is rebuilt in one allocation.
    public init?(_ text: String) {
        let bytes = text.utf8
        if PGUUID.isCanonical(bytes) {
            string = text
            return
        }
        var hex: (UInt64, UInt64) = (0, 0)   // 32 nibbles, checked before anything is allocated
        var digits = 0
        for byte in bytes {
            let value: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): value = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): value = byte - UInt8(ascii: "A") + 10
            case UInt8(ascii: "-"), UInt8(ascii: "{"), UInt8(ascii: "}"): continue
            default: return nil
            }
            guard digits < 32 else { return nil }
            if digits < 16 { hex.0 = hex.0 << 4 | UInt64(value) } else { hex.1 = hex.1 << 4 | UInt64(value) }
            digits += 1
        }
        guard digits == 32 else { return nil }
        string = String(unsafeUninitializedCapacity: 36) { buffer in
            var position = 0
            for index in 0..<32 {
                if index == 8 || index == 12 || index == 16 || index == 20 { buffer[position] = UInt8(ascii: "-"); position += 1 }
                let word = index < 16 ? hex.0 : hex.1
                let nibble = UInt8(truncatingIfNeeded: word >> UInt64((15 - index % 16) * 4) & 0xF)
                buffer[position] = nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
                position += 1
            }
            return position
        }
    }

    /// True for 36 bytes of lower-case hex digits with hyphens at 8, 13, 18 and 23 (PostgreSQL's output).
    private static func isCanonical(_ bytes: String.UTF8View) -> Bool {
        guard bytes.count == 36 else { return false }
        return bytes.withContiguousStorageIfAvailable(isCanonical) ?? isCanonical(Array(bytes))
    }

    private static func isCanonical<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> Bool {
        var index = 0
        for byte in bytes {
            if index == 8 || index == 13 || index == 18 || index == 23 {
                guard byte == UInt8(ascii: "-") else { return false }
            } else {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
                else { return false }
            }
            index += 1
        }
        return true
    }

    public init(pgNonNull text: String) throws(PGDecodingError) {
        guard let uuid = PGUUID(text) else { throw PGDecodingError("not a uuid: \(text.prefix(40))") }
        self = uuid
    }

    public var pgText: String? { string }
    public var description: String { string }
    /// The first eight hex digits, as lists show ids.
    public var short: String { String(string.prefix(8)) }

    public static func < (lhs: PGUUID, rhs: PGUUID) -> Bool { lhs.string < rhs.string }

    /// The smallest and largest uuids that start with the hex `prefix` (1–31 digits), for range scans.
    public static func range(forPrefix prefix: String) -> ClosedRange<PGUUID>? {
        let digits = prefix.lowercased().filter { $0 != "-" }
        guard (1...31).contains(digits.count), digits.allSatisfy({ $0.isHexDigit && $0.isASCII }) else { return nil }
        let low = digits + String(repeating: "0", count: 32 - digits.count)
        let high = digits + String(repeating: "f", count: 32 - digits.count)
        guard let lower = PGUUID(low), let upper = PGUUID(high) else { return nil }
        return lower...upper
    }
}

/// An `inet` or `cidr` value as PostgreSQL prints it (`203.0.113.7`, `10.0.0.0/8`, `2001:db8::1`).
public struct InetAddress: Hashable, Sendable, CustomStringConvertible, PGParam, PGNonNullDecodable {
    /// The address text.
    public let text: String

    /// Accepts text that looks like an IPv4/IPv6 address or network; the server has the final word.
    public init?(_ text: String) {
        let trimmed = text.trimmingCharacters(in: " ")
        guard !trimmed.isEmpty, trimmed.count <= 49,
              trimmed.allSatisfy({ ($0.isHexDigit && $0.isASCII) || $0 == "." || $0 == ":" || $0 == "/" })
        else { return nil }
        self.text = trimmed
    }

    public init(pgNonNull text: String) throws(PGDecodingError) {
        guard let address = InetAddress(text) else { throw PGDecodingError("not an inet: \(text.prefix(49))") }
        self = address
    }

    public var pgText: String? { text }
    public var description: String { text }
}

/// A json/jsonb value, kept as the server's text.
public struct JSONText: Hashable, Sendable, CustomStringConvertible, PGParam, PGNonNullDecodable {
    /// The JSON text.
    public let text: String
    /// Wraps JSON text (the server validates it when it is sent).
    public init(_ text: String) { self.text = text }
    public init(pgNonNull text: String) { self.text = text }
    public var pgText: String? { text }
    public var description: String { text }
}

extension String {
    /// Drops leading and trailing occurrences of `character` (no Foundation needed).
    public func trimmingCharacters(in character: Character) -> String {
        var slice = Substring(self)
        while slice.first == character { slice.removeFirst() }
        while slice.last == character { slice.removeLast() }
        return String(slice)
    }
}
