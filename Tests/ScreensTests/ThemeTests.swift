import Screens
import Testing

@Suite("themes")
struct ThemeTests {
    static let directory: String = {
        let parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        return parts.dropLast(3).joined(separator: "/") + "/themes"
    }()

    static func read(_ name: String) -> String? {
        guard let file = fopen("\(directory)/\(name).theme", "r") else { return nil }
        defer { fclose(file) }
        var text = ""
        var buffer = [CChar](repeating: 0, count: 1024)
        while fgets(&buffer, Int32(buffer.count), file) != nil {
            text += String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
        return text
    }

    @Test("every shipped theme loads and gives every role a look", arguments: ["dark", "light", "high-contrast", "monochrome"])
    func shippedThemesLoad(name: String) throws {
        let text = try #require(Self.read(name), "themes/\(name).theme is missing")
        let theme = try Theme.parse(text, name: name)
        #expect(theme.looks.count == Style.Role.allCases.count)
        #expect(theme.look(.selection) != theme.look(.normal), "the selection must stand out")
    }

    @Test("monochrome and NO_COLOR carry no colour")
    func monochrome() throws {
        let mono = try Theme.parse(try #require(Self.read("monochrome")), name: "monochrome")
        #expect(mono.looks.values.allSatisfy { $0.foreground == -1 && $0.background == -1 })
        let dark = try Theme.parse(try #require(Self.read("dark")), name: "dark").withoutColour
        #expect(dark.looks.values.allSatisfy { $0.foreground == -1 && $0.background == -1 })
        #expect(dark.look(.header).bold, "attributes survive NO_COLOR")
    }

    @Test("a broken theme says what and where", arguments: [
        ("normal = default\nbogus = red", "line 2: unknown role bogus"),
        ("normal = purple", "line 1: unknown colour purple"),
        ("normal = red on", "line 1: expected `on BACKGROUND`"),
        ("normal = red\nnormal = blue", "line 2: normal given twice"),
        ("normal = 256", "line 1: unknown colour 256"),
        ("normal red", "line 1: expected `role = colours`"),
        ("normal = red", "missing roles: header"),
    ])
    func brokenTheme(text: String, message: String) {
        let error = #expect(throws: ThemeError.self) { try Theme.parse(text, name: "broken") }
        #expect(error?.description.contains(message) == true, "\(String(describing: error))")
    }

    @Test("parses attributes, bright colours and palette numbers")
    func looks() throws {
        var text = Style.Role.allCases.map { "\($0.rawValue) = default" }.joined(separator: "\n")
        text = text.replacingFirst("header = default", with: "header = bold underline bright-white on 24 # comment")
        let theme = try Theme.parse(text, name: "t")
        #expect(theme.look(.header) == Theme.Look(foreground: 15, background: 24, bold: true, underline: true))
    }
}

#if canImport(Glibc)
import Glibc
#endif

extension String {
    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = range(of: target) else { return self }
        return String(self[..<range.lowerBound]) + replacement + String(self[range.upperBound...])
    }

    func range(of target: String) -> Range<String.Index>? {
        var index = startIndex
        while index < endIndex {
            if self[index...].hasPrefix(target) { return index..<self.index(index, offsetBy: target.count) }
            index = self.index(after: index)
        }
        return nil
    }
}
