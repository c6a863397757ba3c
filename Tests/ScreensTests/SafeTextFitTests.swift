@testable import Screens
import Testing

@Suite("truncating, padding and wrapping")
struct SafeTextFitTests {
    @Test("text that fits is returned whole", arguments: [("abc", 3), ("abc", 10), ("漢字", 4), ("", 0), ("", 5)])
    func fits(text: String, width: Int) {
        #expect(SafeText.truncate(text, toWidth: width) == text)
    }

    @Test("text that does not fit ends in an ellipsis", arguments: [
        ("abcdef", 4, "abc…"), ("abcdef", 1, "…"), ("abcdef", 0, ""), ("abcdef", -3, ""), ("abcdef", 5, "abcd…"),
    ])
    func truncates(text: String, width: Int, expected: String) {
        #expect(SafeText.truncate(text, toWidth: width) == expected)
    }

    @Test("CJK and emoji are never split at odd widths", arguments: [
        ("漢字漢字", 5, "漢字…"), ("漢字漢字", 4, "漢…"), ("漢字漢字", 3, "漢…"), ("漢字漢字", 2, "…"),
        ("漢字漢字", 1, "…"), ("🙂🙂🙂", 5, "🙂🙂…"), ("a🙂🙂", 4, "a🙂…"), ("a🙂🙂", 3, "a…"),
        ("👨‍👩‍👧‍👦x", 2, "…"), ("e\u{301}e\u{301}e\u{301}", 2, "e\u{301}…"),
    ])
    func wideTruncation(text: String, width: Int, expected: String) {
        let result = SafeText.truncate(text, toWidth: width)
        #expect(result == expected)
        #expect(DisplayWidth.of(result) <= width)
    }

    @Test("truncation sanitises: escape sequences count and show as visible text")
    func truncationSanitises() {
        #expect(SafeText.truncate("\u{1b}[2Jabcdef", toWidth: 5) == "␛[2J…")
        #expect(SafeText.truncate("a\u{200B}b\u{200B}c", toWidth: 3) == "abc")
    }

    @Test("a 100,000-character string is cut to 40 columns reading 41 characters of it, not all of it")
    func longStringReadsOnlyWhatFits() {
        let userAgent = String(repeating: "Mozilla/5.0 (Windows NT 10.0; Win64; x64) ", count: 2_400)
        #expect(userAgent.count >= 100_000)
        let (result, read) = readCounting { SafeText.truncate(userAgent, toWidth: 40) }
        #expect(result == "Mozilla/5.0 (Windows NT 10.0; Win64; x6…")
        #expect(DisplayWidth.of(result) == 40)
        // Work done, not time (the time is in `make bench`): 40 characters fit, the 41st does not, and reading
        // stops there, so a 1,000-character prefix of the same text costs exactly as much.
        #expect(read == 41)
        #expect(readCounting { SafeText.truncate(userAgent.prefix(1_000), toWidth: 40) }.read == read)
        #expect(readCounting { SafeText.fit(userAgent, width: 40, alignment: .right) }.read == read)
        // Wide and hostile text: every character read is at least one column, so at most width + 1 are read.
        let hostile = String(repeating: "漢🙂\u{1b}[2Jé\u{7}", count: 20_000)
        let (cut, hostileRead) = readCounting { SafeText.truncate(hostile, toWidth: 40) }
        #expect(cut == "漢🙂␛[2Jé␇漢🙂␛[2Jé␇漢🙂␛[2Jé␇漢🙂␛[2Jé…")
        #expect(hostileRead <= 41)
        // The counter sees a whole read: a truncate that first measured or sanitised all of the text (the fault
        // this test guards against) would read 100,800 characters here, not 41.
        #expect(readCounting { SafeText.width(of: userAgent) }.read == userAgent.count)
        #expect(readCounting { SafeText.sanitize(userAgent) }.read == userAgent.count)
    }

    @Test("fit pads to exactly the width, left, right or centred", arguments: [
        ("ab", 5, Alignment.left, "ab   "), ("ab", 5, .right, "   ab"), ("ab", 5, .center, " ab  "),
        ("abcdef", 4, .right, "abc…"), ("漢字漢字", 5, .left, "漢字…"), ("漢字漢字", 4, .right, " 漢…"),
        ("abc", 0, .left, ""), ("", 3, .left, "   "),
    ])
    func fit(text: String, width: Int, alignment: Alignment, expected: String) {
        let result = SafeText.fit(text, width: width, alignment: alignment)
        #expect(result == expected)
        #expect(DisplayWidth.of(result) == max(0, width))
    }

    @Test("wrap breaks at spaces, honours line feeds and splits long words")
    func wrap() {
        #expect(SafeText.wrap("refund 12.50 USD to the customer", width: 12) == ["refund 12.50", "USD to the", "customer"])
        #expect(SafeText.wrap("first\nsecond line", width: 20) == ["first", "second line"])
        #expect(SafeText.wrap("abcdefghij", width: 4) == ["abcd", "efgh", "ij"])
        #expect(SafeText.wrap("漢字漢字", width: 3) == ["漢", "字", "漢", "字"])
        #expect(SafeText.wrap("漢", width: 1) == ["…"])
        #expect(SafeText.wrap("", width: 5) == [""])
        #expect(SafeText.wrap("anything", width: 0) == [])
        #expect(SafeText.wrap("a\u{1b}[2J b", width: 10) == ["a␛[2J b"])
    }

    @Test("property: truncated and fitted text never exceeds the limit and holds no control")
    func propertyWidths() {
        var rng = SplitMix64(seed: 99)
        for _ in 0..<2_000 {
            let input = HostileText.make(using: &rng, maxLength: 40)
            let limit = Int(rng.next() % 12)
            let cut = SafeText.truncate(input, toWidth: limit)
            #expect(DisplayWidth.of(cut) <= limit, "\(input.unicodeScalars.map { String($0.value, radix: 16) }) at \(limit)")
            #expect(SafeText.width(of: cut) <= limit)
            #expect(!HostileText.hasControl(cut))
            if SafeText.width(of: input) <= limit {
                #expect(cut == SafeText.sanitize(input), "text that fits is only sanitised")
            } else {
                #expect(limit == 0 ? cut.isEmpty : cut.unicodeScalars.last == "…", "cut text ends in an ellipsis: \(cut.unicodeScalars.map { String($0.value, radix: 16) })")
            }
            let fitted = SafeText.fit(input, width: limit, alignment: rng.next() % 2 == 0 ? .left : .right)
            #expect(DisplayWidth.of(fitted) <= limit)
            for line in SafeText.wrap(input, width: max(1, limit)) {
                #expect(DisplayWidth.of(line) <= max(1, limit))
                #expect(!HostileText.hasControl(line))
            }
        }
    }
}
