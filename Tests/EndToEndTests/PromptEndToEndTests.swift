import PaymentData
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// The prompts as a person uses them: the real binary in tmux, the line editor's keys as the terminal sends
/// them, history kept across two runs, contexts from a service file, Tab, `:log`, and what a viewer reads.
@Suite("end to end: prompts, history, contexts, messages", .serialized)
struct PromptEndToEndTests {
    /// A fresh temporary directory (for XDG_STATE_HOME or a service file).
    static func temporaryDirectory() throws -> String {
        var template = Array("/tmp/payops-prompts-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw PGError(.connection, message: "mkdtemp failed") }
        return String(cString: made)
    }

    static func open(_ arguments: String, environment: String, width: Int = 140, height: Int = 40) throws -> TmuxSession {
        try TmuxSession("sh -c '\(environment) XDG_CONFIG_HOME=/nonexistent \(payopsBinary()) \(arguments); s=$?; echo payops-exited-$s; exit $s'",
                        width: width, height: height)
    }

    static func promptLine(_ screen: String, height: Int = 40) -> String {
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
        return lines.count >= height - 1 ? String(lines[height - 2]) : ""
    }

    @Test("the / prompt edits mid-line (←, Ctrl-W, Ctrl-←) and its history comes back in the next run, saved 0600")
    func lineEditorAndHistory() throws {
        let conninfo = try TestCluster.shared.freshDatabase(.seeded)
        let state = try Self.temporaryDirectory()
        let environment = "XDG_STATE_HOME=\(state)"
        do {
            let tmux = try Self.open("--dsn \"\(conninfo)\"", environment: environment)
            defer { tmux.close() }
            tmux.send("2")
            try ConsolePaneTests.waitLoaded(tmux, "Transactions")
            // A typo fixed in the middle: "status:filed", four left, "a".
            tmux.send("/")
            tmux.send("status:filed", literal: true)
            for _ in 0..<4 { tmux.send("Left") }
            tmux.send("a", literal: true)
            try tmux.waitFor("the fixed line") { Self.promptLine($0).hasPrefix("/status:failed") }
            tmux.send("C-e")
            tmux.send("Enter")
            try tmux.waitFor(text: "filter: status:failed")
            // The : prompt: Ctrl-← moves a word left, typing goes there; Ctrl-U clears; Esc cancels.
            tmux.send(":")
            tmux.send("tx abc", literal: true)
            tmux.send("C-Left")
            tmux.send("zz", literal: true)
            try tmux.waitFor("Ctrl-← then typing") { Self.promptLine($0).hasPrefix(":tx zzabc") }
            tmux.send("M-b")
            tmux.send("C-k")
            try tmux.waitFor("Alt-b then Ctrl-K") { Self.promptLine($0).hasPrefix(":tx ") && !Self.promptLine($0).contains("zz") }
            tmux.send("Escape")
            tmux.send("q")
            try tmux.waitForTranscript(text: "payops-exited-0")
        }
        var info = stat()
        let path = state + "/payops/history-filter"
        #expect(stat(path, &info) == 0, "the filter history is saved")
        #expect(info.st_mode & 0o777 == 0o600, "the history file is 0600, was \(String(info.st_mode & 0o777, radix: 8))")
        #expect(stat(state + "/payops", &info) == 0 && info.st_mode & 0o777 == 0o700)

        // The next run: ↑ at / brings the line back; Ctrl-W takes the whole key:value word.
        let tmux = try Self.open("--dsn \"\(conninfo)\"", environment: environment)
        defer { tmux.close() }
        tmux.send("2")
        try ConsolePaneTests.waitLoaded(tmux, "Transactions")
        tmux.send("/")
        tmux.send("Up")
        try tmux.waitFor("the last filter recalled") { Self.promptLine($0).hasPrefix("/status:failed") }
        tmux.send("C-w")
        tmux.send("status:refunded", literal: true)
        tmux.send("Enter")
        try tmux.waitFor(text: "filter: status:refunded")
        // Esc at the top of the list clears the filter.
        tmux.send("Escape")
        try tmux.waitFor(text: "filter cleared")
        tmux.send("q")
        try tmux.waitForTranscript(text: "payops-exited-0")
    }

    @Test(":ctx switches between two databases of a service file; Tab completes names; :log lists what happened")
    func contexts() throws {
        let alpha = try TestCluster.shared.freshDatabase(.seeded), beta = try TestCluster.shared.freshDatabase(.seeded)
        let directory = try Self.temporaryDirectory()
        func section(_ name: String, _ conninfo: String) -> String {
            "[\(name)]\n" + conninfo.split(separator: " ").joined(separator: "\n") + "\n"
        }
        let serviceFile = directory + "/pg_service.conf"
        let text = "# test contexts\n" + section("alpha", alpha) + section("beta", beta) + "password=s3cret-never-shown\n"
        guard let file = fopen(serviceFile, "w") else { throw PGError(.connection, message: "cannot write \(serviceFile)") }
        fputs(text, file)
        fclose(file)
        let alphaName = alpha.split(separator: " ").first { $0.hasPrefix("dbname=") }!.dropFirst(7)
        let betaName = beta.split(separator: " ").first { $0.hasPrefix("dbname=") }!.dropFirst(7)

        let tmux = try Self.open("--context alpha", environment: "PGSERVICEFILE=\(serviceFile) PGSYSCONFDIR=\(directory)/none XDG_STATE_HOME=\(directory)")
        defer { tmux.close() }
        try tmux.waitFor(text: "[alpha] \(alphaName)")
        try ConsolePaneTests.waitLoaded(tmux, "Overview")
        tmux.send(":")
        tmux.send("ctx", literal: true)
        tmux.send("Enter")
        try tmux.waitFor(text: "contexts: alpha beta (now alpha)")
        tmux.send(":")
        tmux.send("th", literal: true)
        tmux.send("Tab")
        tmux.send("hi", literal: true)
        tmux.send("Tab")
        try tmux.waitFor("theme names complete") { Self.promptLine($0).hasPrefix(":theme high-contrast ") }
        tmux.send("C-u")
        tmux.send("ctx b", literal: true)
        tmux.send("Tab")
        try tmux.waitFor("context names complete") { Self.promptLine($0).hasPrefix(":ctx beta ") }
        tmux.send("Enter")
        try tmux.waitFor(text: "[beta] \(betaName)")
        try tmux.waitFor(text: "context beta: postgres@\(betaName)")
        try ConsolePaneTests.waitLoaded(tmux, "Overview", "after the switch: ")
        tmux.send(":")
        tmux.send("ctx nosuch", literal: true)
        tmux.send("Enter")
        try tmux.waitFor(text: ":ctx nosuch: no such service")
        #expect(tmux.screen().contains("[beta] \(betaName)"), "a failed switch stays where it was")
        tmux.send(":")
        tmux.send("log", literal: true)
        tmux.send("Enter")
        let log = try tmux.waitFor(text: "Messages")
        #expect(log.contains("context beta: postgres@\(betaName)") && log.contains("error :ctx nosuch: no such service"),
                "the log:\n\(log)")
        #expect(!tmux.transcript().contains("s3cret"), "nothing from the service file but names is shown")
        tmux.send("q")
        try tmux.waitForTranscript(text: "payops-exited-0")
    }

    @Test("a viewer pressing r reads which role refunds need; the message goes when the pane changes")
    func viewerRefund() throws {
        let conninfo = try TestCluster.shared.freshDatabase(.seeded)
        let admin = try PGConnection(conninfo)
        _ = try? admin.query("SELECT payops.create_operator($1, $2)", ["e2e_prompt_viewer", "viewer"])
        admin.close()
        let tmux = try Self.open("--dsn \"\(conninfo.replacingUser("e2e_prompt_viewer"))\"",
                                 environment: "XDG_STATE_HOME=\(try Self.temporaryDirectory())")
        defer { tmux.close() }
        tmux.send("2")
        try ConsolePaneTests.waitLoaded(tmux, "Transactions")
        tmux.send("r")
        try tmux.waitFor(text: "r: refund this payment needs payops_support (your groups: payops_viewer)")
        tmux.send("3")
        try ConsolePaneTests.waitLoaded(tmux, "Audit trail")
        #expect(!tmux.screen().contains("needs payops_support"), "the message does not outlive the pane")
        tmux.send("q")
        try tmux.waitForTranscript(text: "payops-exited-0")
    }
}
