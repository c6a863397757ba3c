/// A uuid, kept in PostgreSQL's canonical lower-case hyphenated form.
public struct PGUUID: Hashable, Comparable, Sendable, CustomStringConvertible, PGParam, PGNonNullDecodable {
    /// The canonical text, e.g. `3fa85f64-5717-4562-b3fc-2c963f66afa6`.
    public let string: String

    /// Parses a uuid in any case, with or without hyphens or braces; nil if it is not one.
    public init?(_ text: String) {
        var hex: [Character] = []
        for character in text.lowercased() where character != "-" && character != "{" && character != "}" {
            guard character.isHexDigit, character.isASCII else { return nil }
            hex.append(character)
        }
        guard hex.count == 32 else { return nil }
        var canonical = ""
        for (index, character) in hex.enumerated() {
            if [8, 12, 16, 20].contains(index) { canonical.append("-") }
            canonical.append(character)
        }
        string = canonical
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
