import Screens
import Testing

@Suite("sparkline")
struct SparklineTests {
    @Test("values scale to the largest shown; zero is blank, any positive value is at least ▁")
    func scales() {
        expectScreen(rendered(Sparkline([0, 1, 2, 3, 4, 5, 6, 7, 8]), width: 12, height: 1), [" ▁▂▃▄▅▆▇█"])
        expectScreen(rendered(Sparkline([1, 1000]), width: 12, height: 1), ["▁█"])
        expectScreen(rendered(Sparkline([3, 3, 3]), width: 12, height: 1), ["███"])
    }

    @Test("only the most recent values are shown when the width is short")
    func mostRecent() {
        expectScreen(rendered(Sparkline([100, 100, 5, 6, 7, 8]), width: 4, height: 1), ["▅▆▇█"])
    }

    @Test("an explicit maximum caps bars; negative values are blank; huge values do not overflow")
    func explicitMaximum() {
        expectScreen(rendered(Sparkline([50, 100, 200, -4], maximum: 100), width: 10, height: 1), ["▄██"])
        expectScreen(rendered(Sparkline([Int.max, Int.max / 2]), width: 10, height: 1), ["█▄"])
        expectScreen(rendered(Sparkline([5], maximum: 0), width: 3, height: 1), ["█"])
    }

    @Test("tiny sizes and no values", arguments: [(0, 0, [String]()), (1, 1, ["█"]), (2, 1, ["▄█"]), (3, 0, [])])
    func tiny(width: Int, height: Int, expected: [String]) {
        expectScreen(rendered(Sparkline([1, 2, 4]), width: width, height: height), expected)
        expectScreen(rendered(Sparkline([]), width: width, height: height), Array(repeating: "", count: height))
    }
}
