import CLibPQ

/// The rows of one statement's result, in libpq's text format. Frees itself.
public final class PGResult {
    let handle: OpaquePointer
    /// Number of rows.
    public let count: Int
    /// Column names in order.
    public let columns: [String]

    init(_ handle: OpaquePointer) {
        self.handle = handle
        count = Int(PQntuples(handle))
        columns = (0..<Int(PQnfields(handle))).map { String(cString: PQfname(handle, Int32($0))) }
    }

    deinit { PQclear(handle) }

    /// Rows affected by an INSERT/UPDATE/DELETE, or nil for other statements.
    public var affectedRows: Int? { Int(String(cString: PQcmdTuples(handle))) }

    /// The row at `index`.
    public subscript(index: Int) -> PGRow { PGRow(result: self, index: index) }

    /// All rows, decoded by `decode`.
    public func map<T, E: Error>(_ decode: (PGRow) throws(E) -> T) throws(E) -> [T] {
        var rows: [T] = []
        rows.reserveCapacity(count)
        for index in 0..<count { rows.append(try decode(self[index])) }
        return rows
    }

    /// The raw text of a cell, or nil for SQL NULL (libpq knows the length: no strlen; invalid UTF-8 is repaired).
    func text(row: Int, column: Int) -> String? {
        if PQgetisnull(handle, Int32(row), Int32(column)) == 1 { return nil }
        guard let value = PQgetvalue(handle, Int32(row), Int32(column)) else { return nil }
        let length = Int(PQgetlength(handle, Int32(row), Int32(column)))
        return value.withMemoryRebound(to: UInt8.self, capacity: length) {
            String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
        }
    }

    func columnIndex(_ name: String) -> Int? { columns.firstIndex(of: name) }
}

/// One row of a result; decode its cells by column index or name.
public struct PGRow {
    let result: PGResult
    /// Position of this row in the result.
    public let index: Int

    /// Decodes the cell at `column` as `T`; a NULL decodes only into an Optional.
    public func decode<T: PGDecodable>(_ column: Int, as type: T.Type = T.self) throws(PGError) -> T {
        guard column >= 0, column < result.columns.count else {
            throw PGError(.decoding, message: "no column \(column) (result has \(result.columns.count))")
        }
        do {
            return try T(pgText: result.text(row: index, column: column))
        } catch let error {
            throw PGError(.decoding, message: "column \(result.columns[column]): \(error.message)")
        }
    }

    /// Decodes the cell in the column called `name` as `T`.
    public func decode<T: PGDecodable>(_ name: String, as type: T.Type = T.self) throws(PGError) -> T {
        guard let column = result.columnIndex(name) else {
            throw PGError(.decoding, message: "no column named \(name)")
        }
        return try decode(column, as: type)
    }

    /// Decodes the cell at `column`; shorthand for `decode`.
    public subscript<T: PGDecodable>(_ column: Int) -> T {
        get throws(PGError) { try decode(column) }
    }

    /// Decodes the cell in the column called `name`; shorthand for `decode`.
    public subscript<T: PGDecodable>(_ name: String) -> T {
        get throws(PGError) { try decode(name) }
    }
}
