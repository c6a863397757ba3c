import PaymentData
import Testing
import TestSupport

@Suite("end to end: the real binary in tmux", .serialized)
struct ConsoleStartupTests {
    @Test("opens on a seeded database, shows the header and live data, quits with the terminal restored")
    func opensAndQuits() throws {
        let conninfo = try TestCluster.shared.freshDatabase(.seeded)
        let tmux = try TmuxSession("sh -c '\(payopsBinary()) --dsn \"\(conninfo)\"; echo payops-exited-$?'")
        defer { tmux.close() }
        let screen = try tmux.waitFor(text: "Queue health")
        #expect(screen.contains("payops"))
        #expect(screen.contains("[RW]"), "the superuser may write")
        #expect(screen.contains("postgres@"))
        tmux.send("q")
        let after = try tmux.waitForTranscript(text: "payops-exited-0")
        #expect(!after.contains("Queue health"), "curses left the alternate screen: the shell's screen is back")
    }

    @Test("a connection failure prints libpq's reason and a hint, not a stack trace")
    func connectionFailure() throws {
        let tmux = try TmuxSession("sh -c '\(payopsBinary()) --dsn \"host=/nonexistent port=1\"; echo payops-exited-$?'")
        defer { tmux.close() }
        let screen = try tmux.waitForTranscript(text: "payops-exited-1")
        #expect(screen.contains("cannot connect to PostgreSQL"))
        #expect(screen.contains("No such file or directory"))
        #expect(screen.contains("hint:"))
        #expect(!screen.contains("Fatal error") && !screen.contains("Stack dump"))
    }

    @Test("SIGTERM restores the terminal and exits")
    func sigterm() throws {
        let conninfo = try TestCluster.shared.freshDatabase(.seeded)
        let tmux = try TmuxSession("sh -c '\(payopsBinary()) --dsn \"\(conninfo)\"; echo payops-exited-$?; stty -a'")
        defer { tmux.close() }
        try tmux.waitFor(text: "Queue health")
        let shell = try #require(tmux.panePID)
        #expect(Subprocess.run(["pkill", "-TERM", "-P", String(shell), "payops"]).succeeded)
        let screen = try tmux.waitForTranscript(text: "payops-exited-")
        #expect(screen.contains("payops-exited-0"))
        let final = try tmux.waitForTranscript(text: "icanon")
        #expect(final.contains(" icanon") && final.contains(" echo "), "canonical mode and echo are back on after SIGTERM")
    }
}
