import Screens
import Testing

@Suite("display width")
struct DisplayWidthTests {
    @Test("ASCII letters are one column; controls are zero", arguments: [
        ("a", 1), (" ", 1), ("~", 1), ("\u{1b}", 0), ("\u{7}", 0), ("\u{7f}", 0), ("\r\n", 0), ("\u{85}", 0),
    ] as [(Character, Int)])
    func ascii(character: Character, width: Int) {
        #expect(DisplayWidth.of(character) == width)
    }

    @Test("East Asian wide and fullwidth characters are two columns", arguments: [
        "漢", "字", "한", "あ", "カ", "ㄅ", "Ａ", "￥", "　", "𠀀", "〈",
    ] as [Character])
    func wide(character: Character) {
        #expect(DisplayWidth.of(character) == 2)
    }

    @Test("narrow and ambiguous characters are one column", arguments: [
        "é", "ß", "α", "Ж", "א", "ع", "…", "─", "│", "┌", "€", "ｶ", "☺", "❤", "⚠", "✓", "\u{E000}",
    ] as [Character])
    func narrow(character: Character) {
        #expect(DisplayWidth.of(character) == 1)
    }

    @Test("emoji with emoji presentation, VS16, ZWJ sequences, flags and skin tones are two columns", arguments: [
        "🙂", "🚀", "🤖", "🥳", "🧾", "⌚", "❤️", "☺️", "1️⃣", "👨‍👩‍👧‍👦", "👁‍🗨", "🏳️‍🌈", "🇺🇸", "👍🏽", "☝🏽", "🏴󠁧󠁢󠁳󠁣󠁴󠁿",
    ] as [Character])
    func emoji(character: Character) {
        #expect(DisplayWidth.of(character) == 2)
    }

    @Test("combining marks, joiners, variation selectors and Hangul vowel jamo add nothing", arguments: [
        ("e\u{301}", 1), ("a\u{308}\u{323}", 1), ("\u{1100}\u{1161}\u{11A8}", 2), ("1\u{200D}", 1),
        ("❤\u{FE0E}", 1), ("a\u{FE0F}", 1), ("a\u{200C}", 1),
    ] as [(Character, Int)])
    func clusters(character: Character, width: Int) {
        #expect(DisplayWidth.of(character) == width)
    }

    @Test("zero-width scalars on their own are zero columns", arguments: [
        0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x0301, 0x20DD, 0xFE0F, 0xFE0E, 0x202E, 0x2066, 0x00AD, 0x1160, 0xE0067,
    ] as [UInt32])
    func zeroWidthScalars(value: UInt32) {
        #expect(DisplayWidth.of(Unicode.Scalar(value)!) == 0)
    }

    @Test("a skin-tone modifier after a letter shows as its own swatch")
    func strayModifier() {
        #expect(DisplayWidth.of(Character("a\u{1F3FD}")) == 3)
    }

    @Test("a string's width is the sum of its clusters")
    func strings() {
        #expect(DisplayWidth.of("") == 0)
        #expect(DisplayWidth.of("abc") == 3)
        #expect(DisplayWidth.of("漢字abc") == 7)
        #expect(DisplayWidth.of("caf\u{E9} cafe\u{301}") == 9)
        #expect(DisplayWidth.of("🙂 ok") == 5)
        #expect(DisplayWidth.of("a\u{1b}b"[...]) == 2)
    }
}
