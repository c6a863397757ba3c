import PaymentData
#if canImport(Glibc)
import Glibc
#endif

/// The bench's PostgreSQL. By default a throwaway server, seeded and removed in the same run. With
/// `BENCH_DATA_DIR=path` the cluster is kept there: seeded once per N (a 10 M seed takes ~25 minutes),
/// reused by later runs with the same N (migrations still run, so a new migration is applied), stopped
/// but not removed at the end.
final class BenchServer {
    /// A conninfo for the bench database.
    let conninfo: String
    /// Milliseconds the seed took (read back from the marker when the cluster was reused).
    let seedMilliseconds: Int
    /// True when this run seeded the data (false: reused a kept cluster).
    let seededNow: Bool
    /// The server's socket folder and port (a standby is cloned from them).
    let socketDirectory: String
    let port: Int
    private var throwaway: ThrowawayServer?
    private var keptDirectory: String?

    /// pg_stat_statements (issue 12): the console's cost on the database is read from it, statements of the top
    /// level only (a rollup step counts once, with everything it runs inside).
    static let statementSettings = ["shared_preload_libraries": "pg_stat_statements", "pg_stat_statements.track": "top",
                                    "pg_stat_statements.track_utility": "off"]
    static let settings = ["fsync": "off", "synchronous_commit": "off", "full_page_writes": "off",
                           "max_connections": "200", "shared_buffers": "1GB", "work_mem": "32MB", "max_wal_size": "4GB",
                           "checkpoint_timeout": "30min", "log_min_messages": "warning"].merging(statementSettings) { $1 }

    init(transactions: Int, keptDirectory: String?, say: @escaping (String) -> Void) throws {
        guard let directory = keptDirectory, !directory.isEmpty else {
            let server = try ThrowawayServer(settings: ["shared_buffers": "1GB", "work_mem": "32MB"]
                                                .merging(BenchServer.statementSettings) { $1 })
            throwaway = server
            socketDirectory = "\(server.directory)/sock"
            port = server.port
            let admin = try PGConnection(server.conninfo())
            try admin.execute("CREATE DATABASE bench")
            admin.close()
            conninfo = server.conninfo(database: "bench")
            let db = try PGConnection(conninfo)
            try MigrationRunner().migrate(db)
            try BenchServer.prepareStatements(db)
            seedMilliseconds = try BenchServer.seed(db, transactions: transactions, say: say)
            seededNow = true
            return
        }
        self.keptDirectory = directory
        let port = 54_000 + transactions % 997
        self.port = port
        socketDirectory = "\(directory)/sock"
        conninfo = "host=\(directory)/sock port=\(port) user=postgres dbname=bench"
        let marker = "\(directory)/seeded-\(transactions)"
        let reuse = access(marker, R_OK) == 0 && access("\(directory)/data/PG_VERSION", R_OK) == 0
        if !reuse {
            say("kept cluster in \(directory): initdb (no seed for \(transactions) there yet)")
            try BenchServer.shell("rm -rf '\(directory)/data' '\(directory)'/seeded-* && mkdir -p '\(directory)/sock' "
                                  + "&& chown -R postgres:postgres '\(directory)' && chmod 700 '\(directory)'")
            let bin = BenchServer.binaries()
            try BenchServer.shell(BenchServer.asPostgres("'\(bin)/initdb' -D '\(directory)/data' -U postgres -A trust --no-sync "
                                                         + "-E UTF8 --locale=C.UTF-8 --no-instructions"))
        }
        try BenchServer.startKept(directory: directory, port: port, say: say)
        if reuse {
            let db = try PGConnection(conninfo)
            try MigrationRunner().migrate(db)
            try BenchServer.prepareStatements(db)
            seedMilliseconds = Int(Subprocess.run(["cat", marker]).output.trimmedLine) ?? 0
            seededNow = false
            say("reusing the seeded cluster in \(directory) (seeded in \(seedMilliseconds / 1000) s)")
            return
        }
        let admin = try PGConnection("host=\(directory)/sock port=\(port) user=postgres dbname=postgres")
        try admin.execute("CREATE DATABASE bench")
        admin.close()
        let db = try PGConnection(conninfo)
        try MigrationRunner().migrate(db)
        try BenchServer.prepareStatements(db)
        seedMilliseconds = try BenchServer.seed(db, transactions: transactions, say: say)
        try db.execute("VACUUM ANALYZE")
        writeFile(marker, "\(seedMilliseconds)\n")
        seededNow = true
    }

    /// Stops the server (a throwaway one is also removed).
    func stop() {
        throwaway?.stop()
        if let directory = keptDirectory, let bin = Optional(BenchServer.binaries()) {
            _ = try? BenchServer.shell(BenchServer.asPostgres("'\(bin)/pg_ctl' -D '\(directory)/data' -m fast -w stop"))
            keptDirectory = nil
        }
    }

    /// The bench database's pg_stat_statements, and the console's own login (issue 12): `bench_console`, an
    /// operator in payops_support (trust auth, as every local login of the bench's cluster), so pg_stat_statements
    /// tells the console's statements from the bench's own by userid.
    private static func prepareStatements(_ db: PGConnection) throws {
        try db.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements")
        _ = try db.query("SELECT payops.create_operator($1, 'support')::text", [BenchServer.consoleUser])
    }

    /// The login the console runs as in the cost measurements.
    static let consoleUser = "bench_console"

    /// A conninfo for the bench database as `user`.
    func conninfo(user: String) -> String { "host=\(socketDirectory) port=\(port) user=\(user) dbname=bench" }

    private static func startKept(directory: String, port: Int, say: (String) -> Void) throws {
        let bin = BenchServer.binaries()
        let running = Subprocess.run(["sh", "-c", BenchServer.asPostgres("'\(bin)/pg_ctl' -D '\(directory)/data' status")])
        if running.succeeded {
            // A cluster left running by an older bench has no pg_stat_statements loaded: restart it with the settings.
            let admin = try PGConnection("host=\(directory)/sock port=\(port) user=postgres dbname=postgres")
            let loaded: String = try admin.query("SELECT current_setting('shared_preload_libraries')")[0].decode(0)
            admin.close()
            if loaded.contains("pg_stat_statements") { return }
            say("kept cluster in \(directory) runs without pg_stat_statements: restarting it")
            try BenchServer.shell(BenchServer.asPostgres("'\(bin)/pg_ctl' -D '\(directory)/data' -m fast -w stop"))
        }
        var options = "-k \(directory)/sock -c listen_addresses='' -p \(port)"
        for (key, value) in BenchServer.settings.sorted(by: { $0.key < $1.key }) { options += " -c \(key)=\(value)" }
        try BenchServer.shell(BenchServer.asPostgres("'\(bin)/pg_ctl' -D '\(directory)/data' -l '\(directory)/server.log' "
                                                     + "-w -t 120 -o \"\(options)\" start"))
    }

    private static func seed(_ db: PGConnection, transactions: Int, say: @escaping (String) -> Void) throws -> Int {
        let report = try DemoData.seed(db, transactions: transactions, seed: 1) { step, milliseconds in
            say("  seed step \(step): \(milliseconds) ms")
        }
        return report.totalMilliseconds
    }

    /// The newest `/usr/lib/postgresql/*/bin` (or `$PAYOPS_PG_BIN`), as the throwaway server finds it.
    static func binaries() -> String {
        if let configured = getenv("PAYOPS_PG_BIN").map({ String(cString: $0) }), !configured.isEmpty { return configured }
        for version in stride(from: 20, through: 12, by: -1) where access("/usr/lib/postgresql/\(version)/bin/initdb", X_OK) == 0 {
            return "/usr/lib/postgresql/\(version)/bin"
        }
        return Subprocess.run(["sh", "-c", "dirname \"$(command -v initdb)\""]).output.trimmedLine
    }

    static func asPostgres(_ command: String) -> String {
        geteuid() == 0 ? "runuser -u postgres -- sh -c \"" + command.replacingAll("\"", with: "\\\"") + "\"" : command
    }

    static func shell(_ command: String) throws {
        let outcome = Subprocess.run(["sh", "-c", command], environment: ["LC_ALL": "C.UTF-8"], newSession: true)
        guard outcome.succeeded else { throw ServerError("`\(command)` failed (exit \(outcome.status)): \(outcome.output)") }
    }
}
