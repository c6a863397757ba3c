import Screens
import Testing

@Suite("footer")
struct FooterTests {
    let footer = Footer([KeyHint("q", "Quit"), KeyHint("/", "Filter"), KeyHint("Enter", "Detail"), KeyHint("?", "Help")])

    @Test("all hints when they fit, keys and descriptions in their roles")
    func allFit() {
        let grid = rendered(footer, width: 40, height: 1)
        expectScreen(grid, ["q Quit  / Filter  Enter Detail  ? Help"])
        #expect(grid.mask { $0.style.role == .footerKey ? "k" : "." } == ["k.......k.........kkkkk.........k......."])
        #expect(grid[0, 0].style.bold)
    }

    @Test("hints that do not fit are replaced by an ellipsis", arguments: [
        (37, "q Quit  / Filter  Enter Detail  …"), (30, "q Quit  / Filter  …"), (9, "q Quit  …"),
    ])
    func truncated(width: Int, expected: String) {
        expectScreen(rendered(footer, width: width, height: 1), [expected])
        #expect(footer.fittingCount(width: width) < 4)
    }

    @Test("when not even one hint fits, the first is truncated key first", arguments: [
        (8, "q Quit"), (5, "q Qu…"), (2, "q"), (1, "q"),
    ])
    func firstHintTruncated(width: Int, expected: String) {
        expectScreen(rendered(footer, width: width, height: 1), [expected])
    }

    @Test("0×0, an empty footer, and a hint without description")
    func edges() {
        expectScreen(rendered(footer, width: 0, height: 0), [])
        expectScreen(rendered(Footer([]), width: 10, height: 1), [""])
        expectScreen(rendered(Footer([KeyHint("Esc", ""), KeyHint("q", "Quit")]), width: 20, height: 1), ["Esc  q Quit"])
        #expect(rendered(Footer([]), width: 3, height: 1).mask { $0.style.role == .footerText ? "f" : "." } == ["fff"])
    }
}
