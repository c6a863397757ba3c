/// The key every action carries: made once when a form opens (or a subcommand starts), so pressing
/// Enter twice, or retrying after a lost connection, returns the first result instead of acting twice.
public struct IdempotencyKey: Hashable, Sendable, CustomStringConvertible, PGParam {
    public let text: String

    /// A key given by the operator (`--idempotency-key`); nil when blank or longer than 200 characters.
    public init?(_ text: String) {
        let trimmed = text.trimmingCharacters(in: " ")
        guard !trimmed.isEmpty, trimmed.count <= 200, trimmed == text,
              text.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7F }) else { return nil }
        self.text = text
    }

    /// A new random key: `payops-` and 128 random bits as a version-4 UUID.
    public static func make() -> IdempotencyKey {
        var generator = SystemRandomNumberGenerator()
        var bytes = (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let hex = bytes.map { byte in
            let digits = Array("0123456789abcdef")
            return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
        }
        let groups = [hex[0..<4], hex[4..<6], hex[6..<8], hex[8..<10], hex[10..<16]].map { $0.joined() }
        return IdempotencyKey(unchecked: "payops-" + groups.joined(separator: "-"))
    }

    private init(unchecked text: String) { self.text = text }

    public var pgText: String? { text }
    public var description: String { text }
}
