import Screens

/// Time to make hostile text safe: the measurements the debug suite used to assert on (a busy machine made them
/// fail); the suite now checks the work done (characters read), and `make bench` prints the time, asserting nothing.
enum TextBench {
    /// Median, min and max milliseconds of 100 truncations of a 100,000-character user agent to 40 columns.
    static func truncate(repetitions: Int) -> Stats {
        let userAgent = String(repeating: "Mozilla/5.0 (Windows NT 10.0; Win64; x64) ", count: 2_400)
        var kept = 0
        let stats = measure(repetitions) {
            for _ in 0..<100 { kept &+= SafeText.truncate(userAgent, toWidth: 40).utf8.count }
        }
        precondition(kept > 0)
        return stats
    }

    /// Median, min and max milliseconds of sanitising a 100 KB string full of escapes, bidi overrides, CJK and emoji.
    static func sanitize(repetitions: Int) -> Stats {
        let chunk = "Mozilla/5.0 \u{1b}[31m漢🙂\u{202E}x\u{7}"
        let input = String(repeating: chunk, count: 100_000 / chunk.utf8.count + 1)
        var kept = 0
        let stats = measure(repetitions) { kept &+= SafeText.sanitize(input).utf8.count }
        precondition(kept > 0)
        return stats
    }

    private static func measure(_ repetitions: Int, _ body: () -> Void) -> Stats {
        body()                                                    // warm up
        var times: [Double] = []
        for _ in 0..<repetitions {
            let start = monotonicMicroseconds()
            body()
            times.append(Double(monotonicMicroseconds() - start) / 1000)
        }
        return Stats(times)
    }
}
