import Screens
import Testing

@Suite("breadcrumbs")
struct BreadcrumbsTests {
    let trail = Breadcrumbs(["Transactions", "3fa85f64", "Timeline"])

    @Test("the whole trail when it fits; the current crumb is a bold title")
    func fits() {
        let grid = rendered(trail, width: 40, height: 1)
        expectScreen(grid, ["Transactions › 3fa85f64 › Timeline"])
        #expect(grid[26, 0].style == Style(.title, bold: true))
        #expect(grid[0, 0].style == Style(.dim))
        #expect(grid[13, 0].style == Style(.dim))
    }

    @Test("older crumbs give way to an ellipsis", arguments: [
        (33, "… › 3fa85f64 › Timeline"), (23, "… › 3fa85f64 › Timeline"), (22, "… › Timeline"),
        (12, "… › Timeline"), (11, "Timeline"), (6, "Timel…"), (1, "…"),
    ])
    func narrow(width: Int, expected: String) {
        expectScreen(rendered(trail, width: width, height: 1), [expected])
    }

    @Test("0×0, no crumbs, one crumb")
    func edges() {
        expectScreen(rendered(trail, width: 0, height: 0), [])
        expectScreen(rendered(Breadcrumbs([]), width: 5, height: 1), [""])
        expectScreen(rendered(Breadcrumbs(["Overview"]), width: 10, height: 1), ["Overview"])
        #expect(Breadcrumbs(["a", "b"]).visibleItems(width: 0).isEmpty)
    }
}
