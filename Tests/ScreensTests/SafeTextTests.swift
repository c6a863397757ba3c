@testable import Screens
import Testing

@Suite("sanitiser")
struct SafeTextTests {
    @Test("plain text passes unchanged")
    func plainText() {
        #expect(SafeText.sanitize("Mozilla/5.0 (X11; Linux x86_64)") == "Mozilla/5.0 (X11; Linux x86_64)")
        #expect(SafeText.sanitize("café 漢字 🙂 e\u{301}") == "café 漢字 🙂 e\u{301}")
        #expect(SafeText.sanitize("") == "")
        #expect(SafeText.isSafe("café 漢字 🙂"))
    }

    @Test("CSI sequences lose their ESC: it becomes ␛")
    func csi() {
        #expect(SafeText.sanitize("\u{1b}[2J") == "␛[2J")
        #expect(SafeText.sanitize("red \u{1b}[31mALERT\u{1b}[0m") == "red ␛[31mALERT␛[0m")
        #expect(!SafeText.isSafe("\u{1b}[2J"))
    }

    @Test("an OSC 52 clipboard write terminated by BEL becomes harmless text")
    func osc52() {
        #expect(SafeText.sanitize("\u{1b}]52;c;aGk=\u{07}") == "␛]52;c;aGk=␇")
        #expect(SafeText.sanitize("\u{1b}]0;title\u{1b}\\") == "␛]0;title␛\\")
    }

    @Test("C0 controls become control pictures", arguments: [
        ("\u{07}", "␇"), ("\u{08}", "␈"), ("\r", "␍"), ("\n", "␊"), ("\t", "␉"), ("\u{00}", "␀"),
        ("\u{1b}", "␛"), ("\u{1f}", "␟"), ("\r\n", "␍␊"), ("a\u{08}\u{08}b", "a␈␈b"),
    ])
    func c0(input: String, expected: String) {
        #expect(SafeText.sanitize(input) == expected)
    }

    @Test("DEL becomes ␡")
    func del() {
        #expect(SafeText.sanitize("a\u{7f}b") == "a␡b")
    }

    @Test("C1 controls (8-bit CSI, OSC, NEL) become U+FFFD")
    func c1() {
        #expect(SafeText.sanitize("\u{9b}2J") == "\u{FFFD}2J")
        #expect(SafeText.sanitize("\u{9d}52;c;x\u{9c}") == "\u{FFFD}52;c;x\u{FFFD}")
        #expect(SafeText.sanitize("a\u{85}b\u{80}\u{9f}") == "a\u{FFFD}b\u{FFFD}\u{FFFD}")
    }

    @Test("bidi overrides and isolates are shown as U+FFFD so reordering is visible")
    func bidiOverrides() {
        // "invoice_\u{202E}fdp.exe" would display as "invoice_exe.pdf".
        #expect(SafeText.sanitize("invoice_\u{202E}fdp.exe") == "invoice_\u{FFFD}fdp.exe")
        #expect(SafeText.sanitize("\u{2066}a\u{2069}\u{202A}b\u{202C}") == "\u{FFFD}a\u{FFFD}\u{FFFD}b\u{FFFD}")
    }

    @Test("invisible spoofing characters are removed; directional marks too")
    func invisibleCharacters() {
        #expect(SafeText.sanitize("pay\u{200B}ment") == "payment")
        #expect(SafeText.sanitize("\u{FEFF}id\u{2060}42\u{AD}") == "id42")
        #expect(SafeText.sanitize("abc\u{200E}\u{200F}\u{61C}") == "abc")
        #expect(SafeText.sanitize("a\u{E0041}b") == "ab")
    }

    @Test("line and paragraph separators become ␤")
    func separators() {
        #expect(SafeText.sanitize("a\u{2028}b\u{2029}") == "a␤b␤")
    }

    @Test("zero-width joiners in emoji and combining marks on letters are kept")
    func joinersAndMarksKept() {
        let family = "👨\u{200D}👩\u{200D}👧"
        #expect(SafeText.sanitize(family) == family)
        #expect(SafeText.sanitize("cafe\u{301}") == "cafe\u{301}")
        #expect(SafeText.sanitize("🏴󠁧󠁢󠁳󠁣󠁴󠁿") == "🏴󠁧󠁢󠁳󠁣󠁴󠁿")
        #expect(SafeText.sanitize("क्\u{200D}ष") == "क्\u{200D}ष")
    }

    @Test("a combining mark or joiner with nothing to attach to gets a dotted circle")
    func loneMarks() {
        #expect(SafeText.sanitize("\u{301}abc") == "\u{25CC}\u{301}abc")
        #expect(SafeText.sanitize("\u{1b}\u{301}") == "␛\u{25CC}\u{301}")
        #expect(SafeText.sanitize("\u{200D}x") == "\u{25CC}\u{200D}x")
        #expect(SafeText.width(of: "\u{301}") == 1)
    }

    @Test("a skin tone only stays on an emoji that takes one")
    func skinTones() {
        #expect(SafeText.sanitize("👍🏽") == "👍🏽")
        #expect(SafeText.sanitize("a\u{1F3FD}b") == "ab")
        #expect(SafeText.sanitize("\u{1F3FD}") == "")
        #expect(SafeText.sanitize("\u{1b}\u{1F3FD}x") == "␛x")
    }

    @Test("characters that still draw nothing are dropped")
    func zeroWidthLeftovers() {
        #expect(SafeText.sanitize("\u{1161}") == "")
        #expect(SafeText.sanitize("\u{1b}\u{11A8}a") == "␛a")
        #expect(SafeText.sanitize("\u{1100}\u{1161}") == "\u{1100}\u{1161}")
    }

    @Test("Zalgo text keeps at most four combining marks per character")
    func zalgo() {
        let zalgo = "a" + String(repeating: "\u{301}\u{316}", count: 20)
        let result = SafeText.sanitize(zalgo)
        #expect(result == "a\u{301}\u{316}\u{301}\u{316}")
        #expect(result.count == 1)
    }

    @Test("invalid UTF-8 bytes each become U+FFFD")
    func invalidUTF8() {
        #expect(SafeText.sanitize(utf8: [0x66, 0x80, 0xFF, 0x6F]) == "f\u{FFFD}\u{FFFD}o")
        #expect(SafeText.sanitize(utf8: [0xE6, 0xBC, 0xA2]) == "漢")
        #expect(SafeText.sanitize(utf8: [0xE6, 0xBC]) == "\u{FFFD}")
        #expect(SafeText.sanitize(utf8: [0x1B, 0x5B, 0x32, 0x4A]) == "␛[2J")
        #expect(SafeText.sanitize(utf8: [0xC2, 0x9B]) == "\u{FFFD}")
    }

    @Test("width(of:) measures text as it will be drawn")
    func width() {
        #expect(SafeText.width(of: "\u{1b}[2J") == 4)
        #expect(SafeText.width(of: "漢字") == 4)
        #expect(SafeText.width(of: "a\u{200B}b") == 2)
        #expect(SafeText.width(of: "\r\n") == 2)
    }

    @Test("sanitised output never holds a control: 2,000 generated hostile strings")
    func propertyNoControls() {
        var rng = SplitMix64(seed: 2024)
        for _ in 0..<2_000 {
            let input = HostileText.make(using: &rng)
            let output = SafeText.sanitize(input)
            #expect(!HostileText.hasControl(output), "\(input.unicodeScalars.map { String($0.value, radix: 16) })")
            #expect(SafeText.isSafe(output))
            #expect(!output.unicodeScalars.contains { (0x202A...0x202E).contains($0.value) || (0x2066...0x2069).contains($0.value) })
            #expect(SafeText.sanitize(output) == output, "sanitising twice changes nothing")
            #expect(output.allSatisfy { (1...2).contains(DisplayWidth.of($0)) }, "every character is 1 or 2 columns")
        }
    }

    @Test("a 100 KB hostile string is sanitised in one pass, to exactly the expected text")
    func longInput() {
        let chunk = "Mozilla/5.0 \u{1b}[31m漢🙂\u{202E}x\u{7}"
        let copies = 100_000 / chunk.utf8.count + 1
        let input = String(repeating: chunk, count: copies)
        let (output, read) = readCounting { SafeText.sanitize(input) }
        let clean = "Mozilla/5.0 ␛[31m漢🙂\u{FFFD}x␇"
        #expect(SafeText.sanitize(chunk) == clean)
        // The whole output, exactly: nothing lost, added or merged across 3,448 chunk boundaries, and each
        // replacement here is one scalar for one.
        #expect(output == String(repeating: clean, count: copies))
        #expect(output.unicodeScalars.count == input.unicodeScalars.count)
        #expect(!HostileText.hasControl(output))
        // Work done, not time (the time is in `make bench`): every character is read once. A sanitiser that
        // sanitised again until nothing changed, or re-read from the start, reads at least twice as much.
        #expect(read == input.count)
        #expect(readCounting { SafeText.sanitize(input + input) }.read == 2 * read)
    }
}

/// Runs `body` counting the characters SafeText reads from its inputs; returns its value and the count.
func readCounting<T>(_ body: () -> T) -> (value: T, read: Int) {
    let counter = SafeText.ReadCounter()
    let value = SafeText.$readCounter.withValue(counter) { body() }
    return (value, counter.characters)
}
