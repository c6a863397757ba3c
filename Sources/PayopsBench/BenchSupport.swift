import PaymentData
#if canImport(Glibc)
import Glibc
#endif

/// Median, min and max of a series of milliseconds.
struct Stats {
    let median: Double, min: Double, max: Double
    init(median: Double, min: Double, max: Double) {
        self.median = median
        self.min = min
        self.max = max
    }
    init(_ values: [Double]) {
        let sorted = values.sorted()
        median = sorted.isEmpty ? 0 : sorted[sorted.count / 2]
        min = sorted.first ?? 0
        max = sorted.last ?? 0
    }
}

/// One pane query: payops versus psql.
struct BenchRow {
    let name: String
    let ours: Stats
    let psql: Stats
    var scaleBound = false
    /// Runs on each side.
    var runs = 0
    var ratio: Double { psql.median > 0 ? ours.median / psql.median : 0 }
    var line: String {
        name.padded(28) + ours.median.formatted.leftPadded(9) + " ms  psql " + psql.median.formatted.leftPadded(9)
            + " ms  ratio " + ratio.formatted.leftPadded(6) + (ratio > 1.2 ? "  ✗ over 1.2" : "")
    }
}

/// Microseconds from a monotonic clock.
func monotonicMicroseconds() -> Int {
    var spec = timespec()
    clock_gettime(CLOCK_MONOTONIC, &spec)
    return spec.tv_sec * 1_000_000 + spec.tv_nsec / 1000
}

extension Double {
    /// Two decimals, no Foundation (measurements only; never money).
    var formatted: String {
        let hundredths = Int((self * 100).rounded())
        let fraction = hundredths % 100
        return "\(hundredths / 100)." + (fraction < 10 ? "0" : "") + "\(fraction)"
    }
}

extension String {
    func padded(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
    func leftPadded(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}
