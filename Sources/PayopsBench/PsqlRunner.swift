import PaymentData

/// Runs statements through psql with `\timing`, so payops is measured against PostgreSQL's own client
/// on the identical SQL (parameters written in as literals, which the planner treats as PQexecParams'
/// one-shot plan does).
struct PsqlRunner {
    let conninfo: String

    /// Milliseconds per repetition (statements of one query summed), `repetitions` times.
    func time(_ statements: [Statement], snapshot: Bool, repetitions: Int) -> [Double] {
        var script = "\\timing on\n"
        let body = statements.map { literalSQL($0) + ";" }
        for _ in 0..<repetitions {
            if snapshot { script += "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY;\n" }
            script += body.joined(separator: "\n") + "\n"
            if snapshot { script += "COMMIT;\n" }
        }
        let path = "/tmp/payops-bench-\(getpid()).sql"
        writeFile(path, script)
        let outcome = Subprocess.run(["psql", conninfo, "-X", "-q", "-o", "/dev/null", "-f", path],
                                     environment: ["PGOPTIONS": PlannerSettings.pgOptions])  // as payops' sessions
        let times = outcome.output.split(separator: "\n").compactMap { line -> Double? in
            guard line.hasPrefix("Time: ") else { return nil }
            return Double(line.dropFirst(6).split(separator: " ").first ?? "")
        }
        let perRepetition = statements.count + (snapshot ? 2 : 0)
        guard times.count == perRepetition * repetitions else {
            fatalError("psql printed \(times.count) timings, expected \(perRepetition * repetitions):\n\(outcome.output.prefix(2000))")
        }
        return stride(from: 0, to: times.count, by: perRepetition).map { start in
            times[start..<(start + perRepetition)].reduce(0, +)
        }
    }

    /// The statement with `$n` replaced by quoted literals (longest numbers first, so `$10` is not `$1`).
    func literalSQL(_ statement: Statement) -> String {
        var sql = statement.sql
        for (index, parameter) in statement.parameters.enumerated().reversed() {
            let literal = parameter.pgText.map { "'" + $0.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "''") + "'" } ?? "NULL"
            sql = sql.replacingAll("$\(index + 1)", with: literal)
        }
        return sql
    }
}

#if canImport(Glibc)
import Glibc
#endif

/// Writes a whole file, creating its folder; says so and exits 1 when it cannot.
func writeFile(_ path: String, _ text: String) {
    let folder = path.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
    if !folder.isEmpty { _ = Subprocess.run(["mkdir", "-p", folder]) }
    guard let file = fopen(path, "w") else {
        print("payops-bench: cannot write \(path): errno \(errno)")
        exit(1)
    }
    let bytes = Array(text.utf8)
    fwrite(bytes, 1, bytes.count, file)
    fclose(file)
}

extension String {
    /// Every occurrence of `target` replaced (no Foundation).
    func replacingAll(_ target: String, with replacement: String) -> String {
        var result = ""
        var rest = Substring(self)
        while let range = rest.firstRange(of: target) {
            result += rest[..<range.lowerBound] + replacement
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}
