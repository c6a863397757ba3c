#if canImport(Glibc)
import Glibc
#endif
import PaymentData

/// One line of a refund CSV file, checked for shape: the amount stays text until the payment's currency is known.
struct RefundCSVRow {
    /// The line number in the file (1-based, the header counted).
    let line: Int
    let paymentID: PGUUID
    let amount: String
    let reason: String
    let note: String?
}

/// Reads refund CSV files: `payment_id,amount,reason[,note]` per line, an optional header line, blank
/// lines skipped, fields optionally quoted (`"a, b"`, `""` for a quote; a quoted field ends on its line).
/// Anything malformed refuses the whole file with the line number, before a single refund is made.
enum RefundCSV {
    /// Files larger than this are refused rather than read in part.
    static let maximumBytes = 32 << 20

    /// The file's text; refuses a file that cannot be read or is too large.
    static func read(_ path: String) throws -> String {
        guard let file = fopen(path, "r") else {
            throw ActionRefusal(.invalidInput, "cannot read \(path): \(String(cString: strerror(errno)))")
        }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = fread(&buffer, 1, buffer.count, file)
            if count > 0 { bytes += buffer[0..<count] }
            if bytes.count > maximumBytes {
                throw ActionRefusal(.invalidInput, "\(path) is larger than \(maximumBytes >> 20) MB; split it")
            }
            if count < buffer.count {
                if ferror(file) != 0 { throw ActionRefusal(.invalidInput, "cannot read \(path): read error") }
                break
            }
        }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Every refund line of `text`, or a refusal naming the first malformed line.
    static func rows(_ text: String, file: String = "the file") throws -> [RefundCSVRow] {
        var rows: [RefundCSVRow] = []
        var sawContent = false
        for (index, rawLine) in text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = index + 1
            var line = Substring(String(String.UnicodeScalarView(rawLine)))
            if line.unicodeScalars.last == "\r" { line = Substring(String(line.unicodeScalars.dropLast())) }
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) { continue }
            let at = "line \(number): "
            guard let fields = fields(of: line) else {
                throw ActionRefusal(.invalidInput, at + "a quoted field is not closed on its line, or has text after its closing quote")
            }
            let isFirst = !sawContent
            sawContent = true
            if isFirst, fields.first?.lowercased() == "payment_id" { continue }
            guard fields.count == 3 || fields.count == 4 else {
                throw ActionRefusal(.invalidInput, at + "expected 3 or 4 columns (payment_id, amount, reason[, note]), "
                                    + "found \(fields.count)")
            }
            guard let payment = PGUUID(fields[0]) else {
                throw ActionRefusal(.invalidInput, at + "\"\(fields[0].prefix(60))\" is not a payment id (a uuid)")
            }
            guard !fields[1].isEmpty else { throw ActionRefusal(.invalidInput, at + "the amount is empty") }
            let note = fields.count == 4 && !fields[3].trimmingCharacters(in: " ").isEmpty ? fields[3] : nil
            try RefundCommand.checkReason(fields[2], note: note, line: at)
            rows.append(RefundCSVRow(line: number, paymentID: payment, amount: fields[1], reason: fields[2], note: note))
        }
        guard !rows.isEmpty else { throw ActionRefusal(.invalidInput, "\(file) has no refund lines") }
        return rows
    }

    /// The comma-separated fields of one line (unquoted fields trimmed of spaces), or nil when its quoting is broken.
    static func fields(of line: Substring) -> [String]? {
        var fields: [String] = []
        var scalars = Substring(line).unicodeScalars[...]
        while true {
            while scalars.first == " " || scalars.first == "\t" { scalars.removeFirst() }
            var field = String.UnicodeScalarView()
            if scalars.first == "\"" {
                scalars.removeFirst()
                var closed = false
                while let scalar = scalars.popFirst() {
                    if scalar == "\"" {
                        if scalars.first == "\"" { scalars.removeFirst(); field.append("\"") } else { closed = true; break }
                    } else {
                        field.append(scalar)
                    }
                }
                guard closed else { return nil }
                while scalars.first == " " || scalars.first == "\t" { scalars.removeFirst() }
                guard scalars.isEmpty || scalars.first == "," else { return nil }
                fields.append(String(field))
            } else {
                while let scalar = scalars.first, scalar != "," {
                    if scalar == "\"" { return nil }
                    field.append(scalar)
                    scalars.removeFirst()
                }
                var text = Substring(String(field))
                while text.last == " " || text.last == "\t" { text.removeLast() }
                fields.append(String(text))
            }
            guard scalars.first == "," else { return fields }
            scalars.removeFirst()
        }
    }
}
