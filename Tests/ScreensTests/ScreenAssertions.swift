import Screens
import Testing

/// Expects `grid` to show exactly `expected` (trailing spaces ignored), with a line diff on failure.
func expectScreen(_ grid: Grid, _ expected: [String], sourceLocation: SourceLocation = #_sourceLocation) {
    let diff = grid.diff(expectedLines: expected)
    let matches = diff == nil
    #expect(matches, Comment(rawValue: diff ?? ""), sourceLocation: sourceLocation)
}

/// Renders `widget` on a blank `width × height` canvas and returns the grid.
func rendered(_ widget: some Widget, width: Int, height: Int) -> Grid {
    var canvas = Canvas(width: width, height: height)
    canvas.render(widget)
    return canvas.grid
}

/// Problems with a grid's structure: continuation cells without a wide left half, wide characters
/// without a continuation, unsafe characters, mismatched halves. Empty when the grid is sound.
func structuralProblems(_ grid: Grid) -> [String] {
    var problems: [String] = []
    for y in 0..<grid.height {
        for x in 0..<grid.width {
            let cell = grid[x, y]
            if cell.isContinuation {
                let left = grid[x - 1, y]
                if x == 0 || left.isContinuation || DisplayWidth.of(left.character) != 2 {
                    problems.append("continuation at (\(x), \(y)) without a wide character before it")
                } else if left.style != cell.style {
                    problems.append("halves of the wide character at (\(x - 1), \(y)) have different styles")
                }
                continue
            }
            let width = DisplayWidth.of(cell.character)
            if width == 2 && (x + 1 >= grid.width || !grid[x + 1, y].isContinuation) {
                problems.append("wide \(cell.character) at (\(x), \(y)) without a continuation")
            }
            if width != 2 && x + 1 < grid.width && grid[x + 1, y].isContinuation {
                problems.append("narrow \(cell.character) at (\(x), \(y)) followed by a continuation")
            }
            if width == 0 {
                problems.append("zero-width character at (\(x), \(y))")
            }
            if !SafeText.isSafe(String(cell.character)) {
                problems.append("unsafe character at (\(x), \(y)): \(cell.character.unicodeScalars.map { String($0.value, radix: 16) })")
            }
        }
    }
    return problems
}

/// A small deterministic random generator (SplitMix64) for property-style tests.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Builds strings from the scalars most likely to break a terminal or a width calculation.
enum HostileText {
    /// Scalars drawn from: controls, C1, bidi, zero-width, combining, wide, emoji, tags, jamo, plain.
    static let alphabet: [Unicode.Scalar] = {
        var values: [UInt32] = Array(0x00...0x1F) + [0x7F] + Array(0x80...0x9F)
        values += [0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0x200E, 0x200F, 0x061C]
        values += [0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD, 0x180E, 0xFFF9, 0x2028, 0x2029]
        values += [0x0301, 0x0308, 0x0327, 0x20DD, 0x0903, 0xFE0E, 0xFE0F, 0xE0100]
        values += [0x6F22, 0x5B57, 0xAC00, 0x1100, 0x1161, 0x11A8, 0x3042, 0xFF21, 0x3000]
        values += [0x1F600, 0x1F680, 0x1F44D, 0x1F3FD, 0x2764, 0x261D, 0x1F1FA, 0x1F1F8, 0x1F3F4, 0x1F441, 0x1F5E8]
        values += [0xE0067, 0xE0062, 0xE007F, 0xE0001, 0x0600, 0x25CC, 0xFFFD, 0xE000, 0x10FFFD]
        values += Array(0x20...0x7E) + [0x41, 0x61, 0x20, 0x20, 0x2E, 0xE9, 0x3B1, 0x5D0, 0x627]
        return values.compactMap(Unicode.Scalar.init)
    }()

    /// A random string of up to `maxLength` scalars.
    static func make(using rng: inout SplitMix64, maxLength: Int = 24) -> String {
        let length = Int(rng.next() % UInt64(maxLength + 1))
        var scalars = String.UnicodeScalarView()
        for _ in 0..<length {
            scalars.append(alphabet[Int(rng.next() % UInt64(alphabet.count))])
        }
        return String(scalars)
    }

    /// True when `text` contains a C0 control, DEL or a C1 control.
    static func hasControl(_ text: String) -> Bool {
        text.unicodeScalars.contains { $0.value < 0x20 || ($0.value >= 0x7F && $0.value <= 0x9F) }
    }
}
