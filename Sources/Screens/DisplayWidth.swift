/// Terminal column widths of characters and strings, from Unicode data alone (no libc `wcwidth`).
///
/// Rules, per grapheme cluster (a Swift `Character`):
/// - 0 for controls and for clusters made only of zero-width scalars: combining marks
///   (categories Mn, Me), format characters (Cf: ZWJ, ZWNJ, zero-width space, bidi controls, …),
///   variation selectors, and Hangul medial vowels / final consonants (U+1160–11FF, U+D7B0–D7FF);
/// - 2 when the cluster's base (its first scalar of non-zero width) is East Asian Wide or Fullwidth
///   (the compact range table below: CJK, Hangul, kana, fullwidth forms, …) or has the Unicode
///   `Emoji_Presentation` property (🙂, 🚀, 🇺🇸, ⌚, …);
/// - 2 for an emoji base followed by U+FE0F (❤️, 1️⃣) or joined by ZWJ to another emoji (👁‍🗨),
///   and for an emoji modifier base with a skin tone (☝🏽);
/// - a skin-tone modifier after a base that cannot take one adds 2 (it shows as its own swatch);
/// - 1 otherwise (including East Asian Ambiguous characters such as `…` and box drawing).
public enum DisplayWidth {
    /// The columns one grapheme cluster occupies: 0, 1 or 2 (3 only for a stray skin-tone swatch).
    public static func of(_ character: Character) -> Int {
        if let ascii = character.asciiValue {
            return ascii >= 0x20 && ascii < 0x7F ? 1 : 0
        }
        var width = 0
        var base: Unicode.Scalar?
        var joined = false
        for scalar in character.unicodeScalars {
            guard let first = base else {
                let w = of(scalar)
                if w > 0 { base = scalar; width = w }
                continue
            }
            switch scalar.value {
            case 0xFE0F:
                if first.properties.isEmoji { width = 2 }
            case 0x200D:
                joined = true
            case 0x1F3FB...0x1F3FF:
                if first.properties.isEmojiModifierBase { width = max(width, 2) } else { width += 2 }
            default:
                if joined && first.properties.isEmoji && scalar.properties.isEmoji { width = 2 }
            }
        }
        return width
    }

    /// The columns a string occupies: the sum over its grapheme clusters.
    ///
    /// This measures the text as given; `SafeText.width(of:)` measures it as it will be drawn.
    public static func of(_ text: some StringProtocol) -> Int {
        var total = 0
        for character in text { total += of(character) }
        return total
    }

    /// The columns one scalar occupies on its own: 0, 1 or 2.
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value < 0x7F { return value >= 0x20 ? 1 : 0 }
        if value < 0xA0 { return 0 }
        if value < 0x300 { return value == 0xAD ? 0 : 1 }
        if isZeroWidth(scalar) { return 0 }
        if isWide(value) || scalar.properties.isEmojiPresentation { return 2 }
        return 1
    }

    /// True for scalars that draw nothing by themselves.
    static func isZeroWidth(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x1160...0x11FF, 0xD7B0...0xD7FF: return true
        default: break
        }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format, .control: return true
        default: return false
        }
    }

    /// True for East Asian Wide and Fullwidth scalars (emoji are checked separately).
    static func isWide(_ value: UInt32) -> Bool {
        if value < wideRanges[0].lowerBound { return false }
        var low = 0, high = wideRanges.count - 1
        while low <= high {
            let middle = (low + high) / 2
            let range = wideRanges[middle]
            if value < range.lowerBound {
                high = middle - 1
            } else if value > range.upperBound {
                low = middle + 1
            } else {
                return true
            }
        }
        return false
    }

    /// East Asian Wide (W) and Fullwidth (F) blocks, sorted; emoji come from `isEmojiPresentation`.
    static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F,    // Hangul Jamo initial consonants
        0x2329...0x232A,    // angle brackets
        0x2E80...0x303E,    // CJK radicals, Kangxi, ideographic description, CJK symbols and punctuation
        0x3041...0x33FF,    // Hiragana, Katakana, Bopomofo, Hangul compatibility Jamo, Kanbun, CJK compatibility
        0x3400...0x4DBF,    // CJK extension A
        0x4E00...0x9FFF,    // CJK unified ideographs
        0xA000...0xA4CF,    // Yi
        0xA960...0xA97F,    // Hangul Jamo extended A
        0xAC00...0xD7A3,    // Hangul syllables
        0xF900...0xFAFF,    // CJK compatibility ideographs
        0xFE10...0xFE19,    // vertical forms
        0xFE30...0xFE6F,    // CJK compatibility forms, small form variants
        0xFF00...0xFF60,    // fullwidth ASCII variants
        0xFFE0...0xFFE6,    // fullwidth signs
        0x16FE0...0x16FE4,  // ideographic symbols
        0x17000...0x18CFF,  // Tangut, Khitan
        0x1AFF0...0x1B2FF,  // Kana extended and supplement, Nushu
        0x1F200...0x1F2FF,  // enclosed ideographic supplement
        0x20000...0x2FFFD,  // CJK extensions B–F, compatibility supplement
        0x30000...0x3FFFD,  // CJK extensions G–H
    ]
}
