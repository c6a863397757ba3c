import PaymentData
#if canImport(Glibc)
import Glibc
#endif

/// A real streaming hot standby of the bench's server (issue 12): `pg_basebackup -R` into a throwaway folder,
/// started as the postgres user on its own socket folder, loading pg_stat_statements too (the recipe of the tests'
/// StandbyPair, for a primary that may be a kept cluster). `stop()` removes it; a watchdog removes it if the bench
/// dies.
final class BenchStandby {
    let directory: String
    let port = 5433     // names the socket file in this folder only (TCP is off): never collides
    private var running = false
    private var watchdog: pid_t?

    /// Clones the server listening in `primarySocket`/`primaryPort` and waits until it streams.
    init(primarySocket: String, primaryPort: Int, say: (String) -> Void) throws {
        var template = Array("/tmp/payops-bench-standby-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw ServerError("mkdtemp failed: errno \(errno)") }
        directory = String(cString: made)
        let bin = BenchServer.binaries()
        do {
            try BenchServer.shell("mkdir -p '\(directory)/sock' && chmod 700 '\(directory)' && "
                                  + (geteuid() == 0 ? "chown -R postgres:postgres '\(directory)'" : "true"))
            let start = monotonicMicroseconds()
            try BenchServer.shell(BenchServer.asPostgres("'\(bin)/pg_basebackup' -D '\(directory)/data' -R -X stream "
                                                         + "-h '\(primarySocket)' -p \(primaryPort) -U postgres --no-sync --checkpoint=fast"))
            say("standby: pg_basebackup in \((Double(monotonicMicroseconds() - start) / 1_000_000).formatted) s")
            let stopCommand = BenchServer.asPostgres("'\(bin)/pg_ctl' -D '\(directory)/data' -m immediate -w stop")
            watchdog = Subprocess.launchDetached(["sh", "-c", "while kill -0 \(getpid()) 2>/dev/null; do sleep 1; done; "
                                                  + "\(stopCommand) >/dev/null 2>&1; rm -rf '\(directory)'"])
            var options = "-k \(directory)/sock -c listen_addresses='' -p \(port)"
            for (key, value) in BenchServer.settings.sorted(by: { $0.key < $1.key }) { options += " -c \(key)=\(value)" }
            try BenchServer.shell(BenchServer.asPostgres("'\(bin)/pg_ctl' -D '\(directory)/data' -l '\(directory)/server.log' "
                                                         + "-w -t 120 -o \"\(options)\" start"))
            running = true
            try waitStreaming()
        } catch {
            stop()
            throw error
        }
    }

    deinit { stop() }

    /// A conninfo for the bench database on the standby.
    func conninfo(user: String = "postgres") -> String { "host=\(directory)/sock port=\(port) user=\(user) dbname=bench" }

    /// Waits until the WAL receiver streams from the primary.
    func waitStreaming(seconds: Double = 60) throws {
        let deadline = monotonicMicroseconds() + Int(seconds * 1_000_000)
        while monotonicMicroseconds() < deadline {
            if let db = try? PGConnection(conninfo()),
               let rows = try? db.query("SELECT count(*) FROM pg_stat_wal_receiver WHERE status = 'streaming'"),
               (try? rows[0].decode(0, as: Int64.self)) == 1 {
                db.close()
                return
            }
            usleep(200_000)
        }
        throw ServerError("the standby in \(directory) was not streaming within \(Int(seconds)) s:\n"
                          + Subprocess.run(["tail", "-n", "20", "\(directory)/server.log"]).output)
    }

    /// Stops the standby and removes its folder. Safe to call twice.
    func stop() {
        if running {
            _ = try? BenchServer.shell(BenchServer.asPostgres("'\(BenchServer.binaries())/pg_ctl' -D '\(directory)/data' -m fast -w stop"))
            running = false
        }
        if let watchdog {
            kill(watchdog, SIGKILL)
            _ = Subprocess.wait(watchdog)
            self.watchdog = nil
        }
        if directory.hasPrefix("/tmp/payops-bench-standby-") { _ = Subprocess.run(["rm", "-rf", directory]) }
    }
}
