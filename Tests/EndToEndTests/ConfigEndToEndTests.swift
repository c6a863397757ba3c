import PaymentData
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// config.toml as the console reads it: a `#` inside a quoted path is part of the path, and a problem names its line.
@Suite("end to end: config.toml", .serialized)
struct ConfigEndToEndTests {
    static func writeConfig(_ text: String) throws -> String {
        let home = try PromptEndToEndTests.temporaryDirectory()
        mkdir(home + "/payops", 0o700)
        guard let file = fopen(home + "/payops/config.toml", "w") else { throw PGError(.connection, message: "cannot write config") }
        fputs(text, file)
        fclose(file)
        return home
    }

    @Test("export_dir with a # in quotes is used whole; an unknown key is reported with its line")
    func hashInQuotes() throws {
        let conninfo = try TestCluster.shared.freshDatabase(.seeded)
        let exports = try PromptEndToEndTests.temporaryDirectory() + "/ops #1"
        mkdir(exports, 0o700)
        let home = try Self.writeConfig("# payops\ntheme = \"light\"  # a comment\nexport_dir = \"\(exports)\"\n\ncolour = \"red\"\n")
        let tmux = try TmuxSession("sh -c 'XDG_CONFIG_HOME=\(home) XDG_STATE_HOME=\(home) \(payopsBinary()) --dsn \"\(conninfo)\"; s=$?; echo payops-exited-$s; exit $s'",
                                   width: 160, height: 40)
        defer { tmux.close() }
        try tmux.waitFor(text: "config line 5: unknown key colour")
        tmux.send("2")
        try ConsolePaneTests.waitLoaded(tmux, "Transactions")
        tmux.send("C-s")
        try tmux.waitFor(text: "to \(exports)/")
        tmux.send("q")
        try tmux.waitForTranscript(text: "payops-exited-0")
    }

    @Test("a TOML syntax error names its line, and the console still opens")
    func syntaxError() throws {
        let conninfo = try TestCluster.shared.freshDatabase(.seeded)
        let home = try Self.writeConfig("theme = \"dark\"\nrefresh_seconds = = 2\n")
        let tmux = try TmuxSession("sh -c 'XDG_CONFIG_HOME=\(home) XDG_STATE_HOME=\(home) \(payopsBinary()) --dsn \"\(conninfo)\"; s=$?; echo payops-exited-$s; exit $s'",
                                   width: 160, height: 40)
        defer { tmux.close() }
        try tmux.waitFor(text: "config line 2: ")
        try ConsolePaneTests.waitLoaded(tmux, "Overview")
        tmux.send("q")
        try tmux.waitForTranscript(text: "payops-exited-0")
    }
}
