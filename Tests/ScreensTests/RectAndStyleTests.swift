import PaymentData
import Screens
import Testing

@Suite("rectangles and styles")
struct RectAndStyleTests {
    @Test("sizes are never negative")
    func nonNegative() {
        #expect(Rect(x: 0, y: 0, width: -5, height: -1) == Rect(x: 0, y: 0, width: 0, height: 0))
        #expect(Rect(width: 3, height: 3).inset(by: 2).isEmpty)
        #expect(Rect(width: 10, height: 4).inset(by: 1) == Rect(x: 1, y: 1, width: 8, height: 2))
        var shrinking = Rect(width: 4, height: 4)
        shrinking.width -= 10
        #expect(shrinking.width == 0)
        #expect(shrinking.isEmpty)
    }

    @Test("intersection and containment")
    func intersection() {
        let a = Rect(x: 0, y: 0, width: 10, height: 5)
        #expect(a.intersection(Rect(x: 8, y: 3, width: 5, height: 5)) == Rect(x: 8, y: 3, width: 2, height: 2))
        #expect(a.intersection(Rect(x: 20, y: 0, width: 5, height: 5)).isEmpty)
        #expect(a.contains(x: 9, y: 4))
        #expect(!a.contains(x: 10, y: 4))
    }

    @Test("slicing takes what there is and leaves the rest")
    func slicing() {
        let r = Rect(x: 2, y: 1, width: 10, height: 6)
        #expect(r.sliceTop(1) == (Rect(x: 2, y: 1, width: 10, height: 1), Rect(x: 2, y: 2, width: 10, height: 5)))
        #expect(r.sliceBottom(2).bottom == Rect(x: 2, y: 5, width: 10, height: 2))
        #expect(r.sliceLeft(20).rest.isEmpty)
        #expect(r.sliceRight(3).right == Rect(x: 9, y: 1, width: 3, height: 6))
        #expect(r.centered(width: 4, height: 2) == Rect(x: 5, y: 3, width: 4, height: 2))
        #expect(r.centered(width: 40, height: 2).width == 10)
    }

    @Test("every meaning maps onto the role of the same name", arguments: Meaning.allCases)
    func meaningsMapToRoles(meaning: Meaning) {
        #expect(Style.Role(meaning).rawValue == meaning.rawValue)
        #expect(Style(meaning: meaning, bold: true) == Style(Style.Role(meaning), bold: true))
        #expect(Label("x", meaning).style.role.rawValue == meaning.rawValue)
    }

    @Test("styles compare by role and attributes")
    func styleEquality() {
        #expect(Style() == .normal)
        #expect(Style(.header) != Style(.header, bold: true))
        #expect(Style(.header).bolded == Style(.header, bold: true))
        #expect(Style(.header, underline: true).with(role: .title) == Style(.title, underline: true))
        #expect(Set([Style(.dim), Style(.dim), Style(.dim, reverse: true)]).count == 2)
        #expect(Style(.status, bold: true, reverse: true).description == "status+bold+reverse")
    }
}
