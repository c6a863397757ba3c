#if canImport(Glibc)
import Glibc
#endif

/// libpq's connection service file (`pg_service.conf`): the `[name]` sections an operator can connect to
/// with `service=name`. Only the names are read here; the settings under them (a password among them,
/// perhaps) stay with libpq and are never kept, shown or logged.
public enum PGServiceFile {
    /// The files libpq reads, in its order: `$PGSERVICEFILE` (else `~/.pg_service.conf`), then
    /// `$PGSYSCONFDIR/pg_service.conf` (else the system one Debian's libpq was built with).
    public static func paths(environment: (String) -> String? = PGServiceFile.environment) -> [String] {
        var result: [String] = []
        if let file = environment("PGSERVICEFILE"), !file.isEmpty {
            result.append(file)
        } else if let home = environment("HOME"), !home.isEmpty {
            result.append(home + "/.pg_service.conf")
        }
        if let directory = environment("PGSYSCONFDIR"), !directory.isEmpty {
            result.append(directory + "/pg_service.conf")
        } else {
            result.append("/etc/postgresql-common/pg_service.conf")
        }
        return result
    }

    /// The section names in `text`, in order, each once. Lines are `[name]`, `key=value`, blank, or comments
    /// starting with `#`; anything else is skipped, as libpq would refuse it at connect time with its own words.
    public static func serviceNames(in text: String) -> [String] {
        var names: [String] = []
        for raw in text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            let line = raw.drop { $0 == " " || $0 == "\t" }
            guard line.first == "[", let close = line.firstIndex(of: "]") else { continue }
            let name = String(line[line.index(after: line.startIndex)..<close]).trimmed
            guard !name.isEmpty, isServiceName(name), !names.contains(name) else { continue }
            names.append(name)
        }
        return names
    }

    /// Every service name in the files libpq would read (first file first, each name once).
    public static func serviceNames(environment: (String) -> String? = PGServiceFile.environment) -> [String] {
        var names: [String] = []
        for path in paths(environment: environment) {
            guard let text = readSmallFile(path) else { continue }
            for name in serviceNames(in: text) where !names.contains(name) { names.append(name) }
        }
        return names
    }

    /// A name `:ctx` and `--context` accept: letters, digits, `-`, `_`, `.` (nothing a conninfo would misread).
    public static func isServiceName(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 63 && name.allSatisfy { ($0.isLetter || $0.isNumber || "-_.".contains($0)) && $0.isASCII }
    }

    /// The conninfo that connects through service `name`.
    public static func conninfo(service name: String) -> String { "service=\(name)" }

    /// The process environment.
    public static func environment(_ name: String) -> String? { getenv(name).map { String(cString: $0) } }

    static func readSmallFile(_ path: String) -> String? {
        guard let file = fopen(path, "r") else { return nil }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while bytes.count < 1_000_000 {
            let count = fread(&buffer, 1, buffer.count, file)
            if count <= 0 { break }
            bytes += buffer[0..<count]
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

private extension StringProtocol {
    var trimmed: String { String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed()) }
}
