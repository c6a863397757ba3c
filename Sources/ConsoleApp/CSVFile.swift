#if canImport(Glibc)
import Glibc
#endif

/// A CSV file being written by an export (RFC 4180 quoting; values that a spreadsheet would run as a
/// formula are prefixed with an apostrophe).
final class CSVFile {
    let path: String
    private var file: UnsafeMutablePointer<FILE>?
    private(set) var rows = 0

    /// Creates `directory/stem-YYYYMMDD-HHMMSS.csv` (never overwriting) and writes the header.
    init(directory: String, stem: String, header: [String]) throws {
        var now = time(nil)
        var parts = tm()
        gmtime_r(&now, &parts)
        let year = Int(parts.tm_year) + 1900
        let date = "\(year)" + twoDigits(parts.tm_mon + 1) + twoDigits(parts.tm_mday)
        let clock = twoDigits(parts.tm_hour) + twoDigits(parts.tm_min) + twoDigits(parts.tm_sec)
        let stamp = date + "-" + clock
        var candidate = "\(directory)/\(stem)-\(stamp).csv"
        var suffix = 1
        while access(candidate, F_OK) == 0 {
            suffix += 1
            candidate = "\(directory)/\(stem)-\(stamp)-\(suffix).csv"
        }
        path = candidate
        guard let handle = fopen(path, "wx") else { throw ExportError("cannot create \(path): errno \(errno)") }
        file = handle
        try write([header])
        rows = 0
    }

    deinit { close() }

    /// Appends rows.
    func write(_ records: [[String]]) throws {
        guard let file else { throw ExportError("\(path) is closed") }
        var text = ""
        for record in records {
            text += record.map(CSVFile.field).joined(separator: ",") + "\r\n"
        }
        let bytes = Array(text.utf8)
        guard fwrite(bytes, 1, bytes.count, file) == bytes.count else { throw ExportError("writing \(path) failed: errno \(errno)") }
        rows += records.count
    }

    /// Flushes and closes the file.
    func close() {
        if let file { fclose(file) }
        file = nil
    }

    /// One field, quoted when it must be.
    static func field(_ value: String) -> String {
        var text = value
        if let first = text.first, "=+@".contains(first) { text = "'" + text }
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingQuotes() + "\""
    }
}

/// An export that could not be written.
struct ExportError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

extension String {
    func replacingQuotes() -> String { split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") }
}

/// `7` → `07`.
func twoDigits(_ value: Int32) -> String {
    value < 10 ? "0\(value)" : "\(value)"
}
