import PaymentData

/// bench/RESULTS.md: the machine, the date, N, and the table.
struct BenchReport {
    let transactions: Int
    let repetitions: Int
    let seedMilliseconds: Int
    let rows: [BenchRow]
    let frame: Stats

    var markdown: String {
        let machine = Subprocess.run(["sh", "-c", "echo \"$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/Mem:/ {print $2}') GiB; $(uname -sr)\""]).output.trimmedLine
        let date = Subprocess.run(["date", "-u", "+%Y-%m-%d %H:%M UTC"]).output.trimmedLine
        var text = """
            # payops bench

            - machine: \(machine)
            - date: \(date)
            - payments: \(transactions) (seeded in \(seedMilliseconds / 1000) s)
            - each figure: median of \(repetitions) runs after one warm-up, min–max in brackets; milliseconds

            | query | payops | psql | ratio |
            |---|---:|---:|---:|

            """
        for row in rows {
            text += "| \(row.name) | \(row.ours.median.formatted) (\(row.ours.min.formatted)–\(row.ours.max.formatted)) "
                + "| \(row.psql.median.formatted) (\(row.psql.min.formatted)–\(row.psql.max.formatted)) | \(row.ratio.formatted)\(row.ratio > 1.2 ? " ✗" : "") |\n"
        }
        text += "\nFrame render, 200×60 grid, Transactions pane: median \(frame.median.formatted) ms "
            + "(\(frame.min.formatted)–\(frame.max.formatted)).\n"
        text += "\nNot measured yet: startup to first frame in tmux against psql, peak RSS, curses flush time, the 10 M run.\n"
        return text
    }
}

extension String {
    var trimmedLine: String { split(separator: "\n").first.map(String.init) ?? "" }
}
