import PaymentData
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// `payops demo` itself: it starts a throwaway PostgreSQL, fills it, says how to connect, and removes everything
/// when it ends — by Ctrl-C, or, killed outright, through its watchdog.
@Suite("end to end: payops demo", .serialized)
struct DemoCommandTests {
    /// The demo's server: its connection string and its directory, read from the "ready:" line.
    static func ready(_ tmux: TmuxSession) throws -> (dsn: String, directory: String) {
        let screen = try tmux.waitFor("the demo ready", seconds: 120) { $0.contains("ready: psql '") }
        let joined = screen.split(separator: "\n").map { $0.trimmingCharacters(in: " ") }.joined()
        let afterReady = try #require(joined.firstRange(of: "ready: psql '")).upperBound
        let dsn = String(joined[afterReady...].prefix { $0 != "'" })
        let host = try #require(dsn.split(separator: " ").first { $0.hasPrefix("host=") }).dropFirst("host=".count)
        let directory = String(host.hasSuffix("/sock") ? host.dropLast("/sock".count) : host)
        return (dsn, directory)
    }

    static func exists(_ path: String) -> Bool { Subprocess.run(["test", "-e", path]).succeeded }

    /// Waits until `path` is gone (at most `seconds`).
    static func waitGone(_ path: String, seconds: Double) -> Bool {
        let deadline = monotonicMilliseconds() + Int(seconds * 1000)
        while monotonicMilliseconds() < deadline {
            if !exists(path) { return true }
            usleep(200_000)
        }
        return !exists(path)
    }

    @Test("--server-only: a database with the asked number of payments; SIGINT stops it and removes its directory")
    func serverOnlyAndCtrlC() throws {
        let tmux = try TmuxSession("sh -c '\(payopsBinary()) demo --transactions 1500 --server-only; s=$?; echo payops-exited-$s; exit $s'",
                                   width: 200, height: 40)
        defer { tmux.close() }
        let (dsn, directory) = try Self.ready(tmux)
        #expect(directory.hasPrefix("/tmp/payops-pg-"), "\(directory)")
        let db = try PGConnection(dsn)
        #expect(try db.query("SELECT count(*)::int FROM payops_read.payments")[0].decode(0, as: Int.self) == 1500)
        db.close()
        // SIGINT to payops itself, as Ctrl-C sends it (the terminal's Ctrl-C also reaches the wrapping shell).
        let shell = try #require(tmux.panePID)
        #expect(Subprocess.run(["pkill", "-INT", "-P", String(shell), "payops"]).succeeded)
        try tmux.waitForTranscript(text: "payops-exited-0", seconds: 60)
        #expect(Self.waitGone(directory, seconds: 15), "the demo's directory \(directory) is removed")
        #expect((try? PGConnection(dsn)) == nil, "its server is stopped")
    }

    @Test("killed outright (SIGKILL), the demo's watchdog still stops its server and removes its directory")
    func watchdogCleansUp() throws {
        let tmux = try TmuxSession("sh -c '\(payopsBinary()) demo --transactions 500 --server-only; s=$?; echo payops-exited-$s; exit $s'",
                                   width: 200, height: 40)
        defer { tmux.close() }
        let (dsn, directory) = try Self.ready(tmux)
        #expect(Self.exists(directory))
        let shell = try #require(tmux.panePID)
        #expect(Subprocess.run(["pkill", "-KILL", "-P", String(shell), "payops"]).succeeded)
        try tmux.waitForTranscript(text: "payops-exited-137", seconds: 30)
        #expect(Self.waitGone(directory, seconds: 30), "the watchdog removes \(directory)")
        #expect((try? PGConnection(dsn)) == nil, "and the server is gone")
    }
}
