import CLibPQ
#if canImport(Glibc)
import Glibc
#endif

/// One libpq connection. Not thread-safe: use it from one task or thread at a time.
public final class PGConnection {
    let handle: OpaquePointer
    private var closed = false

    /// Session settings applied after every (re)connect, in order (time zone, timeouts, the tenant, …).
    public private(set) var sessionSettings: [(name: String, value: String)] = [
        ("TimeZone", "UTC"), ("DateStyle", "ISO, YMD"), ("IntervalStyle", "postgres"),
    ]

    /// Seconds libpq waits for a connection unless the DSN (or PGCONNECT_TIMEOUT) says otherwise.
    public static let defaultConnectTimeout = 10

    /// Connects with a conninfo string or URI; an empty string means libpq's own environment
    /// (`PG*` variables, `~/.pgpass`, `pg_service.conf`). `application_name` defaults to `payops`; the connect
    /// timeout to `defaultConnectTimeout` seconds (the DSN's own `connect_timeout` wins); TCP keepalives notice a
    /// peer that vanished.
    public init(_ conninfo: String = "") throws(PGError) {
        var keys = ["fallback_application_name", "keepalives", "keepalives_idle", "keepalives_interval", "keepalives_count"]
        var values = ["payops", "1", "30", "10", "3"]
        if getenv("PGCONNECT_TIMEOUT") == nil {
            keys.append("connect_timeout")
            values.append(String(Self.defaultConnectTimeout))
        }
        // Last, expanded: what the DSN says overrides the defaults above.
        keys.append("dbname")
        values.append(conninfo)
        let conn: OpaquePointer? = withCStrings(keys) { keyPointers in
            withCStrings(values) { valuePointers in
                // Both arrays must end with NULL.
                PQconnectdbParams(keyPointers + [nil], valuePointers + [nil], 1)
            }
        }
        guard let conn else { throw PGError(.connection, message: "out of memory creating a connection") }
        guard PQstatus(conn) == CONNECTION_OK else {
            let message = String(cString: PQerrorMessage(conn)).trimmingTrailingNewlines()
            PQfinish(conn)
            throw PGError(.connection, sqlState: "08001", message: message)
        }
        handle = conn
        _ = PQsetClientEncoding(conn, "UTF8")
        // NOTICEs would go to stderr, which draws over the console's screen: drop them.
        PQsetNoticeProcessor(conn, { _, _ in }, nil)
        // Timestamps come back in one format we parse: ISO, UTC.
        try applySessionSettings()
    }

    /// Sets a session setting now and after every reconnect (`statement_timeout`, `app.current_tenant_id`, …).
    public func setSession(_ name: String, _ value: String) throws(PGError) {
        sessionSettings.removeAll { $0.name == name }
        sessionSettings.append((name, value))
        try query("SELECT set_config($1, $2, false)", [name, value])
    }

    func applySessionSettings() throws(PGError) {
        for setting in sessionSettings { try query("SELECT set_config($1, $2, false)", [setting.name, setting.value]) }
    }

    deinit { close() }

    /// Closes the connection; further use fails with a connection error.
    public func close() {
        guard !closed else { return }
        closed = true
        PQfinish(handle)
    }

    /// Runs a static script (one or more statements, no parameters) and discards its results.
    /// Never pass text that contains operator or database input: use `query` with parameters.
    public func execute(_ script: String) throws(PGError) {
        guard let result = PQexec(handle, script) else { throw lastError(.query) }
        defer { PQclear(result) }
        try check(result)
    }

    /// Runs one parameterised statement and returns its rows.
    @discardableResult
    public func query(_ sql: String, _ parameters: [any PGParam] = []) throws(PGError) -> PGResult {
        let texts = parameters.map { $0.pgText }
        let raw: OpaquePointer? = withOptionalCStrings(texts) { pointers in
            PQexecParams(handle, sql, Int32(pointers.count), nil, pointers, nil, nil, 0)
        }
        guard let raw else { throw lastError(.query) }
        let result = PGResult(raw)
        try check(raw)
        return result
    }

    /// Server-side details for the header: database, user, server address, version.
    public var info: ConnectionInfo {
        ConnectionInfo(
            database: string(PQdb(handle)),
            user: string(PQuser(handle)),
            host: string(PQhost(handle)),
            port: string(PQport(handle)),
            serverVersion: Int(PQserverVersion(handle))
        )
    }

    /// True while the connection is usable.
    public var isHealthy: Bool { !closed && PQstatus(handle) == CONNECTION_OK }

    /// Tries to re-establish a broken connection with the same parameters (blocking, within the connect
    /// timeout); the session settings are applied again. The console uses `startReset`/`pollReset` instead.
    public func reset() throws(PGError) {
        PQreset(handle)
        guard PQstatus(handle) == CONNECTION_OK else { throw lastError(.connection) }
        try applySessionSettings()
    }

    func check(_ result: OpaquePointer) throws(PGError) {
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY, PGRES_SINGLE_TUPLE:
            return
        default:
            throw PGError(
                PQstatus(handle) == CONNECTION_OK ? .query : .connection,
                sqlState: field(result, diagSQLState) ?? "",
                message: field(result, diagMessage)
                    ?? String(cString: PQresultErrorMessage(result)).trimmingTrailingNewlines(),
                detail: field(result, diagDetail),
                hint: field(result, diagHint)
            )
        }
    }

    func lastError(_ kind: PGError.Kind) -> PGError {
        let message = String(cString: PQerrorMessage(handle)).trimmingTrailingNewlines()
        let lost = PQstatus(handle) != CONNECTION_OK
        return PGError(lost ? .connection : kind, sqlState: lost ? "08006" : "", message: message)
    }

    // libpq's PG_DIAG_* are character-literal macros Swift cannot import.
    private let diagSQLState = Int32(UInt8(ascii: "C"))
    private let diagMessage = Int32(UInt8(ascii: "M"))
    private let diagDetail = Int32(UInt8(ascii: "D"))
    private let diagHint = Int32(UInt8(ascii: "H"))

    private func field(_ result: OpaquePointer, _ code: Int32) -> String? {
        guard let pointer = PQresultErrorField(result, code) else { return nil }
        return String(cString: pointer)
    }

    private func string(_ pointer: UnsafeMutablePointer<CChar>?) -> String {
        pointer.map { String(cString: $0) } ?? ""
    }
}

/// What the console shows about the session's server.
public struct ConnectionInfo: Sendable, Equatable {
    public var database: String
    public var user: String
    public var host: String
    public var port: String
    public var serverVersion: Int
}

extension String {
    func trimmingTrailingNewlines() -> String {
        var text = self
        while let last = text.last, last == "\n" || last == "\r" || last == " " { text.removeLast() }
        return text
    }
}

/// Calls `body` with a C array of C strings that live for the duration of the call.
func withCStrings<R>(_ strings: [String], _ body: ([UnsafePointer<CChar>?]) -> R) -> R {
    withOptionalCStrings(strings.map { Optional($0) }, body)
}

/// Like `withCStrings`, with `nil` passed through (libpq reads it as SQL NULL).
func withOptionalCStrings<R>(_ strings: [String?], _ body: ([UnsafePointer<CChar>?]) -> R) -> R {
    let buffers: [UnsafeMutablePointer<CChar>?] = strings.map { string in
        guard let string else { return nil }
        let utf8 = Array(string.utf8CString)
        let buffer = UnsafeMutablePointer<CChar>.allocate(capacity: utf8.count)
        buffer.initialize(from: utf8, count: utf8.count)
        return buffer
    }
    defer { buffers.forEach { $0?.deallocate() } }
    return body(buffers.map { $0.map { UnsafePointer($0) } })
}
