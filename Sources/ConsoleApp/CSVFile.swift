#if canImport(Glibc)
import Glibc
#endif

/// A CSV file being written by an export: RFC 4180 quoting, mode 0600 (exports hold payment data), never
/// overwriting. Cells are made harmless by default: control characters (C0, ESC, DEL, C1) become visible pictures
/// (`␛`, `␍`, `\x9b`), so `cat file.csv` cannot move the cursor or clear the screen, and a cell a spreadsheet would
/// run as a formula (leading `=`, `+`, `-`, `@`, tab or CR, unless it is a plain number) gets a leading apostrophe.
/// `raw` keeps control characters as they are (config `raw_export = true`); formulas are always neutralised.
final class CSVFile {
    let path: String
    let raw: Bool
    private var file: UnsafeMutablePointer<FILE>?
    private(set) var rows = 0

    /// Creates `directory/stem-YYYYMMDD-HHMMSS.csv` (never overwriting), mode 0600, and writes the header.
    init(directory: String, stem: String, header: [String], raw: Bool = false) throws {
        var now = time(nil)
        var parts = tm()
        gmtime_r(&now, &parts)
        let year = Int(parts.tm_year) + 1900
        let date = "\(year)" + twoDigits(parts.tm_mon + 1) + twoDigits(parts.tm_mday)
        let clock = twoDigits(parts.tm_hour) + twoDigits(parts.tm_min) + twoDigits(parts.tm_sec)
        let stamp = date + "-" + clock
        self.raw = raw
        var candidate = "\(directory)/\(stem)-\(stamp).csv"
        var suffix = 1
        var descriptor = open(candidate, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        while descriptor < 0 && errno == EEXIST && suffix < 1000 {
            suffix += 1
            candidate = "\(directory)/\(stem)-\(stamp)-\(suffix).csv"
            descriptor = open(candidate, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        }
        path = candidate
        guard descriptor >= 0 else { throw ExportError("cannot create \(path): \(String(cString: strerror(errno)))") }
        fchmod(descriptor, 0o600)   // whatever the umask: exports are the operator's alone
        guard let handle = fdopen(descriptor, "w") else {
            Glibc.close(descriptor)
            throw ExportError("cannot open \(path): \(String(cString: strerror(errno)))")
        }
        file = handle
        try write([header])
        rows = 0
    }

    deinit { close() }

    /// Makes the export directory (and missing parents) with mode 0700.
    static func makeDirectory(_ directory: String) throws {
        var path = directory.hasPrefix("/") ? "" : "."
        for part in directory.split(separator: "/") {
            path += "/" + part
            if mkdir(path, 0o700) != 0 && errno != EEXIST {
                throw ExportError("cannot create the export directory \(path): \(String(cString: strerror(errno)))")
            }
        }
    }

    /// Appends rows.
    func write(_ records: [[String]]) throws {
        guard !records.isEmpty else { return }
        guard let file else { throw ExportError("\(path) is closed") }
        var text = ""
        for record in records {
            text += record.map { CSVFile.field($0, raw: raw) }.joined(separator: ",") + "\r\n"
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

    /// One field: control characters made visible (unless `raw`), formulas neutralised, quoted when it must be.
    static func field(_ value: String, raw: Bool = false) -> String {
        var text = raw ? value : harmless(value)
        if let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first), !isNumber(text) {
            text = "'" + text
        }
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingQuotes() + "\""
    }

    /// `value` with every control character but tab and newline shown as a picture: C0 and DEL as U+2400…U+2421
    /// (`␛` for ESC, `␍` for CR), C1 (U+0080–U+009F) as `\x9b`.
    static func harmless(_ value: String) -> String {
        guard value.unicodeScalars.contains(where: { isControl($0) }) else { return value }
        var out = String.UnicodeScalarView()
        for scalar in value.unicodeScalars {
            switch scalar.value {
            case 0x09, 0x0A: out.append(scalar)
            case 0x00...0x1F: out.append(Unicode.Scalar(0x2400 + scalar.value)!)
            case 0x7F: out.append("\u{2421}")
            case 0x80...0x9F: out.append(contentsOf: ("\\x" + String(scalar.value, radix: 16)).unicodeScalars)
            default: out.append(scalar)
            }
        }
        return String(out)
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.value < 0x20 && scalar.value != 0x09 && scalar.value != 0x0A) || (0x7F...0x9F).contains(scalar.value)
    }

    /// A plain number (`-12.50`, `+3`): left as it is, so amounts stay numbers in a spreadsheet.
    private static func isNumber(_ text: String) -> Bool {
        let body = text.dropFirst(text.first == "-" || text.first == "+" ? 1 : 0)
        return !body.isEmpty && body.first!.isASCII && body.first!.isNumber
            && body.allSatisfy { ($0.isASCII && $0.isNumber) || $0 == "." || $0 == "," }
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
