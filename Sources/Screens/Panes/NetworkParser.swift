import PaymentData

/// Reads an IP address or network the operator typed (`203.0.113.7`, `203.0.113.0/24`, `2001:db8::/32`)
/// strictly enough to give a clear message before the server sees it.
public enum NetworkParser {
    /// Parses an IPv4 or IPv6 address with an optional prefix length.
    public static func parse(_ text: String) throws(FilterError) -> InetAddress {
        let trimmed = text.trimmingSpaces
        let parts = trimmed.split(separator: "/", omittingEmptySubsequences: false)
        guard !trimmed.isEmpty, parts.count <= 2 else { throw FilterError("\(trimmed.prefix(49)) is not an IP address or network") }
        let address = String(parts[0])
        let isV6 = address.contains(":")
        guard isV6 ? isIPv6(address) : isIPv4(address) else {
            throw FilterError("\(trimmed.prefix(49)) is not an IP address or network (e.g. 203.0.113.7 or 203.0.113.0/24)")
        }
        if parts.count == 2 {
            guard let bits = Int(parts[1]), parts[1].allSatisfy(\.isASCII), bits >= 0, bits <= (isV6 ? 128 : 32) else {
                throw FilterError("/\(parts[1].prefix(10)): the prefix length must be 0–\(isV6 ? 128 : 32)")
            }
        }
        guard let inet = InetAddress(trimmed) else { throw FilterError("\(trimmed.prefix(49)) is not an IP address or network") }
        return inet
    }

    static func isIPv4(_ text: String) -> Bool {
        let octets = text.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets.allSatisfy { octet in
            (1...3).contains(octet.count) && octet.allSatisfy { $0.isASCII && $0.isNumber } && Int(octet)! <= 255
        }
    }

    static func isIPv6(_ text: String) -> Bool {
        guard text.count >= 2, text.count <= 45 else { return false }
        let halves = text.pieces(separatedBy: "::")
        guard halves.count <= 2 else { return false }
        var groups = 0
        for (index, half) in halves.enumerated() where !half.isEmpty {
            let pieces = half.split(separator: ":", omittingEmptySubsequences: false)
            for (position, piece) in pieces.enumerated() {
                // An embedded IPv4 tail (::ffff:203.0.113.7) counts as two groups.
                if piece.contains("."), index == halves.count - 1, position == pieces.count - 1, isIPv4(String(piece)) {
                    groups += 2
                    continue
                }
                guard (1...4).contains(piece.count), piece.allSatisfy({ $0.isASCII && $0.isHexDigit }) else { return false }
                groups += 1
            }
        }
        return halves.count == 2 ? groups < 8 : groups == 8
    }
}

extension String {
    /// The text without leading and trailing spaces.
    var trimmingSpaces: String {
        var slice = Substring(self)
        while slice.first == " " { slice.removeFirst() }
        while slice.last == " " { slice.removeLast() }
        return String(slice)
    }

    /// Splits on every occurrence of `separator` (a multi-character string), keeping empty pieces.
    func pieces(separatedBy separator: String) -> [String] {
        var pieces: [String] = []
        var rest = Substring(self)
        while let range = rest.firstRange(of: separator) {
            pieces.append(String(rest[..<range.lowerBound]))
            rest = rest[range.upperBound...]
        }
        pieces.append(String(rest))
        return pieces
    }
}
