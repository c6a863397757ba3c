/// A value that can be sent as a statement parameter (text format; nil is SQL NULL).
public protocol PGParam {
    /// The parameter in PostgreSQL's text input format, or nil for NULL.
    var pgText: String? { get }
}

/// Why a cell could not be decoded.
public struct PGDecodingError: Error, Sendable {
    public var message: String
    /// Makes a decoding error.
    public init(_ message: String) { self.message = message }
}

/// A value that can be decoded from a cell in PostgreSQL's text output format.
public protocol PGDecodable {
    /// Decodes from the cell's text; `nil` is SQL NULL.
    init(pgText: String?) throws(PGDecodingError)
}

/// Values that are never NULL decode through this helper.
public protocol PGNonNullDecodable: PGDecodable {
    /// Decodes from non-NULL text.
    init(pgNonNull text: String) throws(PGDecodingError)
}

extension PGNonNullDecodable {
    public init(pgText: String?) throws(PGDecodingError) {
        guard let pgText else { throw PGDecodingError("unexpected NULL for \(Self.self)") }
        try self.init(pgNonNull: pgText)
    }
}

extension Optional: PGDecodable where Wrapped: PGDecodable {
    public init(pgText: String?) throws(PGDecodingError) {
        guard let pgText else { self = nil; return }
        self = try Wrapped(pgText: pgText)
    }
}

extension Optional: PGParam where Wrapped: PGParam {
    public var pgText: String? { self?.pgText }
}

extension String: PGParam, PGNonNullDecodable {
    public var pgText: String? { self }
    public init(pgNonNull text: String) { self = text }
}

extension Int64: PGParam, PGNonNullDecodable {
    public var pgText: String? { String(self) }
    public init(pgNonNull text: String) throws(PGDecodingError) {
        guard let value = Int64(text) else { throw PGDecodingError("not a bigint: \(text.prefix(40))") }
        self = value
    }
}

extension Int: PGParam, PGNonNullDecodable {
    public var pgText: String? { String(self) }
    public init(pgNonNull text: String) throws(PGDecodingError) {
        guard let value = Int(text) else { throw PGDecodingError("not an integer: \(text.prefix(40))") }
        self = value
    }
}

extension Int32: PGParam, PGNonNullDecodable {
    public var pgText: String? { String(self) }
    public init(pgNonNull text: String) throws(PGDecodingError) {
        guard let value = Int32(text) else { throw PGDecodingError("not an integer: \(text.prefix(40))") }
        self = value
    }
}

extension Bool: PGParam, PGNonNullDecodable {
    public var pgText: String? { self ? "true" : "false" }
    public init(pgNonNull text: String) throws(PGDecodingError) {
        switch text {
        case "t", "true": self = true
        case "f", "false": self = false
        default: throw PGDecodingError("not a boolean: \(text.prefix(40))")
        }
    }
}

extension Double: PGNonNullDecodable {
    /// For ratios and scores only (fraud score, success rate); never for money.
    public init(pgNonNull text: String) throws(PGDecodingError) {
        guard let value = Double(text) else { throw PGDecodingError("not a number: \(text.prefix(40))") }
        self = value
    }
}

/// A SQL NULL parameter of no particular type.
public struct PGNull: PGParam {
    /// Makes a NULL.
    public init() {}
    public var pgText: String? { nil }
}
