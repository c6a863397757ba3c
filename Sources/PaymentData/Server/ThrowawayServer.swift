#if canImport(Glibc)
import Glibc
#endif

/// A private PostgreSQL for tests, the demo and benchmarks: initdb into a temp directory (as the
/// `postgres` user when we are root), a private socket directory, no TCP, durability off for speed.
/// `stop()` removes everything; a watchdog process does the same if this process dies first.
public final class ThrowawayServer {
    /// Where the data, socket and log live.
    public let directory: String
    /// The port that names the socket file (TCP is off, so it never collides with anything).
    public let port: Int
    /// Milliseconds spent in initdb and in starting the server.
    public private(set) var initMilliseconds = 0
    public private(set) var startMilliseconds = 0

    private let binDirectory: String
    private var startOptions = ""
    private let asPostgresUser: Bool
    private var watchdog: pid_t?
    private var running = false

    /// Creates the cluster and starts the server. Throws with the server's own words when it cannot.
    /// With `standbyOf`, the cluster is a streaming replica of that server (`pg_basebackup -R`): a real,
    /// read-only hot standby.
    public init(port: Int? = nil, settings: [String: String] = [:], standbyOf primary: ThrowawayServer? = nil) throws(ServerError) {
        binDirectory = try ThrowawayServer.findBinaries()
        asPostgresUser = geteuid() == 0
        var template = Array("/tmp/payops-pg-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw ServerError("mkdtemp failed: errno \(errno)") }
        directory = String(cString: made)
        self.port = port ?? ThrowawayServer.choosePort()
        do {
            try prepare()
            var start = monotonicMilliseconds()
            if let primary {
                try run(["\(binDirectory)/pg_basebackup", "-D", "\(directory)/data", "-R", "-X", "stream",
                         "-h", "\(primary.directory)/sock", "-p", String(primary.port), "-U", "postgres", "--no-sync", "--checkpoint=fast"],
                        what: "pg_basebackup")
            } else {
                try run(["\(binDirectory)/initdb", "-D", "\(directory)/data", "-U", "postgres", "-A", "trust",
                         "--no-sync", "-E", "UTF8", "--locale=C.UTF-8", "--no-instructions"], what: "initdb")
            }
            initMilliseconds = monotonicMilliseconds() - start
            startWatchdog()
            start = monotonicMilliseconds()
            var options = "-k \(directory)/sock -c listen_addresses='' -p \(self.port)"
            let defaults = ["fsync": "off", "synchronous_commit": "off", "full_page_writes": "off",
                            "max_connections": "200", "shared_buffers": "256MB", "max_wal_size": "4GB",
                            "checkpoint_timeout": "30min", "log_min_messages": "warning"]
            for (key, value) in defaults.merging(settings, uniquingKeysWith: { $1 }).sorted(by: { $0.key < $1.key }) {
                options += " -c \(key)=\(value)"
            }
            startOptions = options
            try run(["\(binDirectory)/pg_ctl", "-D", "\(directory)/data", "-l", "\(directory)/server.log",
                     "-w", "-t", "60", "-o", options, "start"], what: "pg_ctl start")
            running = true
            startMilliseconds = monotonicMilliseconds() - start
        } catch {
            stop()
            throw error
        }
    }

    deinit { stop() }

    /// A libpq conninfo for `database` on this server, as the superuser `postgres`.
    public func conninfo(database: String = "postgres", user: String = "postgres") -> String {
        "host=\(directory)/sock port=\(port) user=\(user) dbname=\(database)"
    }

    /// Stops the server and deletes its directory. Safe to call twice.
    public func stop() {
        if running {
            _ = try? run(["\(binDirectory)/pg_ctl", "-D", "\(directory)/data", "-m", "fast", "-w", "stop"], what: "pg_ctl stop")
            running = false
        }
        if let watchdog {
            kill(watchdog, SIGKILL)
            _ = Subprocess.wait(watchdog)
            self.watchdog = nil
        }
        if !directory.isEmpty, directory.hasPrefix("/tmp/payops-pg-") {
            _ = Subprocess.run(["rm", "-rf", directory])
        }
    }

    /// Stops the server (fast: every session is ended) and keeps its data, for fault tests; `resume()` starts it.
    public func halt() throws(ServerError) {
        try run(["\(binDirectory)/pg_ctl", "-D", "\(directory)/data", "-m", "fast", "-w", "stop"], what: "pg_ctl stop")
    }

    /// Starts a server `halt()` stopped, with the same options.
    public func resume() throws(ServerError) {
        try run(["\(binDirectory)/pg_ctl", "-D", "\(directory)/data", "-l", "\(directory)/server.log",
                 "-w", "-t", "60", "-o", startOptions, "start"], what: "pg_ctl start")
    }

    /// The server's log, for error messages.
    public func logTail(lines: Int = 20) -> String {
        Subprocess.run(["tail", "-n", String(lines), "\(directory)/server.log"]).output
    }

    private func prepare() throws(ServerError) {
        guard mkdir("\(directory)/sock", 0o700) == 0 else { throw ServerError("mkdir sock failed: errno \(errno)") }
        if asPostgresUser {
            guard let user = getpwnam("postgres") else {
                throw ServerError("running as root, but there is no `postgres` user to run the server "
                                  + "(install the postgresql package: make deps)")
            }
            for path in [directory, "\(directory)/sock"] where chown(path, user.pointee.pw_uid, user.pointee.pw_gid) != 0 {
                throw ServerError("chown \(path) to postgres failed: errno \(errno)")
            }
        }
    }

    /// Runs a server binary, as `postgres` when we are root.
    private func run(_ arguments: [String], what: String) throws(ServerError) {
        let command = asPostgresUser ? ["runuser", "-u", "postgres", "--"] + arguments : arguments
        let outcome = Subprocess.run(command, environment: ["LC_ALL": "C.UTF-8"], newSession: true)
        guard outcome.succeeded else {
            throw ServerError("\(what) failed (exit \(outcome.status)): \(outcome.output.trimmingTrailingNewlines())")
        }
    }

    /// A detached shell that stops the server and removes the directory once this process is gone,
    /// whether it exited, crashed or was killed.
    private func startWatchdog() {
        let stopCommand = (asPostgresUser ? "runuser -u postgres -- " : "")
            + "'\(binDirectory)/pg_ctl' -D '\(directory)/data' -m immediate -w stop"
        let script = "while kill -0 \(getpid()) 2>/dev/null; do sleep 1; done; "
            + "\(stopCommand) >/dev/null 2>&1; rm -rf '\(directory)'"
        watchdog = Subprocess.launchDetached(["sh", "-c", script])
    }

    /// Finds initdb and pg_ctl: `$PAYOPS_PG_BIN`, then the newest `/usr/lib/postgresql/*/bin`, then PATH.
    public static func findBinaries() throws(ServerError) -> String {
        if let configured = getenv("PAYOPS_PG_BIN").map({ String(cString: $0) }), !configured.isEmpty {
            return configured
        }
        for version in stride(from: 20, through: 12, by: -1) {
            let candidate = "/usr/lib/postgresql/\(version)/bin"
            if access("\(candidate)/initdb", X_OK) == 0 { return candidate }
        }
        let found = Subprocess.run(["sh", "-c", "command -v initdb"])
        if found.succeeded, let path = found.output.split(separator: "\n").first {
            return String(path.dropLast("/initdb".count))
        }
        throw ServerError("PostgreSQL server binaries not found (no initdb); run `make deps` "
                          + "or install the postgresql package, or set PAYOPS_PG_BIN")
    }

    /// A port from the kernel's free TCP ports, so even a later TCP listener would not collide.
    static func choosePort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                bind(fd, socketAddress, length) == 0 && getsockname(fd, socketAddress, &length) == 0
            }
        }
        return bound ? Int(UInt16(bigEndian: address.sin_port)) : Int(50_000 + getpid() % 10_000)
    }
}

/// Why the throwaway server could not start.
public struct ServerError: Error, CustomStringConvertible {
    public let description: String
    /// Makes an error with an operator-readable message.
    public init(_ description: String) { self.description = description }
}
