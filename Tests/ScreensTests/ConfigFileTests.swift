import ConsoleConfig
import Testing

@Suite("config.toml")
struct ConfigFileTests {
    @Test("strings with escapes and # inside quotes, integers, booleans, arrays of strings, tables")
    func values() throws {
        let text = #"""
            # payops settings
            theme = "high-contrast"   # a comment after a value
            export_dir = "/srv/exports #2/ops"
            quoted = "tab\there \"quoted\" \u00e9"
            literal = 'C:\exports\one # not a comment'
            refresh_seconds = 5
            readonly = true
            names = ["a", "b # not a comment"]

            [connection]
            read_dsn = "service=standby"
            """#
        let entries = try ConfigFile.parse(text)
        func value(_ key: String) -> ConfigValue? { entries.first { $0.key == key }?.value }
        #expect(value("theme") == .string("high-contrast"))
        #expect(value("export_dir") == .string("/srv/exports #2/ops"))
        #expect(value("quoted") == .string("tab\there \"quoted\" é"))
        #expect(value("literal") == .string(#"C:\exports\one # not a comment"#))
        #expect(value("refresh_seconds") == .integer(5))
        #expect(value("readonly") == .boolean(true))
        #expect(value("names") == .strings(["a", "b # not a comment"]))
        #expect(value("connection.read_dsn") == .string("service=standby"))
        #expect(entries.first { $0.key == "connection.read_dsn" }?.line == 11)
        #expect(entries.map { $0.key }.first == "theme", "in the file's order")
    }

    @Test("a syntax error names its line")
    func errors() {
        for (text, line) in [("theme = \"dark\"\nrefresh_seconds = = 2\n", 2),
                             ("a = 1\nb = 2\n\ntheme = \"unterminated\n", 4),
                             ("[t]\nx = 1\n[t]\n", 3)] {
            do {
                _ = try ConfigFile.parse(text)
                Issue.record("no error for \(text)")
            } catch {
                #expect(error.line == line, "\(error)")
                #expect(error.description.hasPrefix("config line \(line): "))
            }
        }
    }

    @Test("types a setting does not take are named")
    func otherTypes() throws {
        let entries = try ConfigFile.parse("ratio = 1.5\nday = 2026-11-30\nmixed = [1, \"a\"]\n")
        #expect(entries.first?.value == .number(1.5))     // read_lag_limit takes one
        #expect(entries[1].value.typeName != "a string" && entries[1].value.typeName != "an integer", "\(entries[1].value)")
        #expect(entries.last?.value.typeName == "an array of mixed or non-string values")
    }
}
