import PaymentData
import Testing
import TestSupport

@Suite("end to end: the real binary in tmux", .serialized)
struct ConsoleStartupTests {
    @Test("opens on a seeded database, shows the header and live data, quits with the terminal restored")
    func opensAndQuits() throws {
        // Anchored at the test's clock: the Overview it opens on reads the last 24 h up to now.
        let conninfo = try TestCluster.shared.freshDatabase(.seededLive)
        let figures = try ScreenFigures(conninfo)
        let tmux = try TmuxSession("sh -c '\(payopsBinary()) --dsn \"\(conninfo)\"; s=$?; echo payops-exited-$s; exit $s'")
        defer { tmux.close() }
        try tmux.waitFor(text: "Queue health")
        let screen = try ScreenFigures.wait(tmux, "the overview's live figures", figures.overview)
        #expect(screen.contains("payops"))
        #expect(screen.contains("[RW]"), "the superuser may write")
        #expect(screen.contains("postgres@"))
        tmux.send("q")
        let after = try tmux.waitForTranscript(text: "payops-exited-0")
        #expect(!after.contains("Queue health"), "curses left the alternate screen: the shell's screen is back")
    }

    @Test("a connection failure prints libpq's reason and a hint, not a stack trace")
    func connectionFailure() throws {
        let tmux = try TmuxSession("sh -c '\(payopsBinary()) --dsn \"host=/nonexistent port=1\"; s=$?; echo payops-exited-$s; exit $s'")
        defer { tmux.close() }
        let screen = try tmux.waitForTranscript(text: "payops-exited-1")
        #expect(screen.contains("cannot connect to PostgreSQL"))
        #expect(screen.contains("No such file or directory"))
        #expect(screen.contains("hint:"))
        #expect(!screen.contains("Fatal error") && !screen.contains("Stack dump"))
    }

    @Test("SIGTERM and SIGHUP (the terminal closed) restore the terminal and exit 128 + the signal",
          arguments: [("TERM", 143), ("HUP", 129)])
    func signals(_ signal: String, _ status: Int) throws {
        let conninfo = try TestCluster.shared.freshDatabase(.seeded)
        let tmux = try TmuxSession("sh -c '\(payopsBinary()) --dsn \"\(conninfo)\"; s=$?; echo payops-exited-$s; stty -a; exit $s'")
        defer { tmux.close() }
        try tmux.waitFor(text: "Queue health")
        let shell = try #require(tmux.panePID)
        #expect(Subprocess.run(["pkill", "-\(signal)", "-P", String(shell), "payops"]).succeeded)
        let screen = try tmux.waitForTranscript(text: "payops-exited-")
        #expect(screen.contains("payops-exited-\(status)"), "SIG\(signal): 128 + its number")
        let final = try tmux.waitForTranscript(text: "icanon")
        #expect(final.contains(" icanon") && final.contains(" echo "), "canonical mode and echo are back on after SIG\(signal)")
    }

    @Test("a crash (SIGSEGV) still gives the terminal back")
    func crashRestores() throws {
        let conninfo = try TestCluster.shared.freshDatabase(.seeded)
        let tmux = try TmuxSession("sh -c '\(payopsBinary()) --dsn \"\(conninfo)\"; s=$?; echo payops-exited-$s; stty -a; exit $s'")
        defer { tmux.close() }
        try tmux.waitFor(text: "Queue health")
        let shell = try #require(tmux.panePID)
        #expect(Subprocess.run(["pkill", "-SEGV", "-P", String(shell), "payops"]).succeeded)
        let transcript = try tmux.waitForTranscript(text: "icanon")
        #expect(transcript.contains("payops-exited-139"), "killed by SIGSEGV (128 + 11)")
        #expect(transcript.contains(" icanon") && transcript.contains(" echo "), "canonical mode and echo are back")
    }

    @Test("an unknown theme warns and falls back to the default; --theme picks one")
    func themes() throws {
        let conninfo = try TestCluster.shared.freshDatabase(.seeded)
        let bogus = try TmuxSession("sh -c '\(payopsBinary()) --dsn \"\(conninfo)\" --theme bogus'")
        defer { bogus.close() }
        let screen = try bogus.waitFor(text: "theme bogus not found")
        #expect(screen.contains("using dark"))
        let mono = try TmuxSession("env NO_COLOR=1 \(payopsBinary()) --dsn \"\(conninfo)\" --theme high-contrast")
        defer { mono.close() }
        try mono.waitFor(text: "Queue health")
        #expect(!usesColour(mono.styledScreen()), "NO_COLOR: no colour codes at all")
        let colour = try TmuxSession("\(payopsBinary()) --dsn \"\(conninfo)\" --theme high-contrast")
        defer { colour.close() }
        try colour.waitFor(text: "Queue health")
        #expect(usesColour(colour.styledScreen()), "colours are on without NO_COLOR")
    }
}

/// True when an SGR sequence sets a real colour (not just "default").
func usesColour(_ screen: String) -> Bool {
    for sequence in screen.split(separator: "\u{1b}").dropFirst() where sequence.hasPrefix("[") {
        let body = sequence.dropFirst().prefix { $0 != "m" }
        for parameter in body.split(separator: ";").compactMap({ Int($0) })
        where (30...37).contains(parameter) || (40...47).contains(parameter) || (90...97).contains(parameter)
            || (100...107).contains(parameter) || parameter == 38 || parameter == 48 {
            return true
        }
    }
    return false
}
