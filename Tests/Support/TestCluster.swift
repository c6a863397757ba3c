import PaymentData
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The one throwaway PostgreSQL a test process uses. Started on first use; stopped at exit
/// (and by the server's watchdog if the process dies). Each test gets a fresh database cloned
/// from a template, which takes milliseconds.
public final class TestCluster: Sendable {
    /// The shared cluster; starting it is serialised.
    public static let shared = TestCluster()

    /// Rows in the seeded template, small enough to build in a few seconds.
    public static let seededTransactions = 3000
    /// The seed and anchor of the seeded template, so tests can rebuild the same data.
    public static let seed: Int64 = 42
    public static let anchor = Timestamp(year: 2026, month: 11, day: 20, hour: 12)
    /// The anchor of the live templates (`.seededLive`, `freshDatabase(fixture:seeded:live:)`): this process's own
    /// clock truncated to the minute, read once. Their data ends just before the test looks at it, so the panes
    /// that read "up to now" (the Overview's 24 h, Suspicious IPs' 1 h / 6 h / 24 h) have rows in their windows;
    /// the fixed `anchor` leaves those windows empty once the wall clock has passed it. Read on first use (when the
    /// first live template is built), not at process start. Tests on live templates compute what they expect when
    /// they look (the windows slide while the test runs), never from the anchor; the demo's latest attacker burst
    /// (4 to 14 minutes before the anchor) stays in the 1 h window for about 45 minutes after it.
    public static let liveAnchor: Timestamp = {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return Timestamp(microseconds: Int64(now.tv_sec) / 60 * 60 * 1_000_000)
    }()
    /// The zone the tickettoken fixtures' zone-less timestamps are written in (a zone with daylight saving, so
    /// tests meet both sides of a change).
    public static let ticketTokenZone = "America/Chicago"

    private struct State: ~Copyable {
        var server: ThrowawayServer?
        var failure: String?
        var counter = 0
        var templates: Set<String> = []
        /// Templates being built now (by another test): others wait for them, but not for unrelated ones.
        var building: Set<String> = []
    }
    private let state = Mutex(State())

    private init() {}

    /// The running server (started on first call).
    public func server() throws -> ThrowawayServer {
        try state.withLock { state in
            if let server = state.server { return server }
            if let failure = state.failure { throw TestClusterError(failure) }
            do {
                let server = try ThrowawayServer()
                state.server = server
                atexit { TestCluster.shared.stopAtExit() }
                return server
            } catch {
                state.failure = "\(error)"
                throw error
            }
        }
    }

    /// Creates a new database: `.empty` (nothing), `.migrated`, `.seeded` (migrated plus demo data at the fixed
    /// `anchor`) or `.seededLive` (the same demo data at `liveAnchor`), …. Returns its conninfo.
    public func freshDatabase(_ kind: DatabaseKind = .seeded) throws -> String {
        let server = try server()
        if kind == .empty {
            let name = state.withLock { state in state.counter += 1; return "t\(state.counter)_\(kind.rawValue)" }
            try PGConnection(server.conninfo()).execute("CREATE DATABASE \(name)")
            return server.conninfo(database: name)
        }
        return try clone(template: "template_\(kind.rawValue)", suffix: kind.rawValue) { connection in
            switch kind {
            case .empty: break
            case .migrated: try MigrationRunner().migrate(connection)
            case .seeded, .seededLive:
                try MigrationRunner().migrate(connection)
                _ = try DemoData.seed(connection, transactions: TestCluster.seededTransactions, seed: TestCluster.seed,
                                      anchor: kind == .seededLive ? TestCluster.liveAnchor : TestCluster.anchor)
            case .ticketToken, .ticketTokenRLS:
                try connection.execute(Profile.tickettoken.fixtures[kind == .ticketToken ? 0 : 1].sql)
                _ = try Installer(profile: .tickettoken, timeZone: TestCluster.ticketTokenZone).install(connection)
                _ = try IndexBuilder(profile: .tickettoken).build(connection)
            case .ticketTokenSeeded, .ticketTokenRLSSeeded:
                try ProfileDemo.build(connection, profile: .tickettoken, fixture: kind == .ticketTokenSeeded ? 0 : 1,
                                      transactions: TestCluster.seededTransactions, seed: TestCluster.seed,
                                      anchor: TestCluster.anchor, timeZone: TestCluster.ticketTokenZone)
            }
        }
    }

    /// A new database cloned from `template`, which is built once per process by `build` (on its own connection).
    /// A template is built outside the cluster's lock, so a slow one (200 k payments) holds up only the tests that
    /// need it; a test needing a template another test is building waits for it.
    private func clone(template: String, suffix: String, build: (PGConnection) throws -> Void) throws -> String {
        let server = try server()
        while true {
            enum Claim { case ready, wait, mine }
            let claim: Claim = state.withLock { state in
                if state.templates.contains(template) { return .ready }
                if state.building.contains(template) { return .wait }
                state.building.insert(template)
                return .mine
            }
            if claim == .ready { break }
            if claim == .wait { usleep(100_000); continue }
            do {
                let admin = try PGConnection(server.conninfo())
                try admin.execute("DROP DATABASE IF EXISTS \(template)")
                try admin.execute("CREATE DATABASE \(template)")
                let connection = try PGConnection(server.conninfo(database: template))
                try build(connection)
                connection.close()
            } catch {
                state.withLock { _ = $0.building.remove(template) }
                throw error
            }
            state.withLock { state in
                state.building.remove(template)
                state.templates.insert(template)
            }
            break
        }
        // Clones one at a time (CREATE DATABASE … TEMPLATE refuses while another session is in the template).
        return try state.withLock { state in
            state.counter += 1
            let name = "t\(state.counter)_\(suffix)"
            try PGConnection(server.conninfo()).execute("CREATE DATABASE \(name) TEMPLATE \(template)")
            return server.conninfo(database: name)
        }
    }

    /// A fresh database laid out as a profile's fixture (`tickettoken`, `stripe-service-variant`, …), payops
    /// installed with its indexes; with `seeded`, filled with the demo data set converted to that platform, anchored
    /// at `anchor`, or with `live` at `liveAnchor` (for the panes that read up to now).
    public func freshDatabase(fixture name: String, seeded: Bool, transactions: Int = TestCluster.seededTransactions,
                              live: Bool = false) throws -> String {
        guard let (profile, index) = Profile.fixture(named: name) else { throw TestClusterError("no fixture \(name)") }
        let slug = name.replacing("-", with: "_")
            + (seeded && transactions != TestCluster.seededTransactions ? "_\(transactions)" : "")
            + (seeded && live ? "_live" : "")
        let suffix = "fx_\(slug)\(seeded ? "_seeded" : "")"
        return try clone(template: "template_\(suffix)", suffix: suffix) { connection in
            if seeded {
                try ProfileDemo.build(connection, profile: profile, fixture: index, transactions: transactions,
                                      seed: TestCluster.seed, anchor: live ? TestCluster.liveAnchor : TestCluster.anchor,
                                      timeZone: TestCluster.ticketTokenZone)
            } else {
                try connection.execute(profile.fixtures[index].sql)
                _ = try Installer(profile: profile, timeZone: TestCluster.ticketTokenZone).install(connection)
                _ = try IndexBuilder(profile: profile).build(connection)
            }
        }
    }

    /// Connects to a fresh database of `kind`.
    public func connect(_ kind: DatabaseKind = .seeded) throws -> PGConnection {
        try PGConnection(freshDatabase(kind))
    }

    private func stopAtExit() {
        state.withLock { state in
            state.server?.stop()
            state.server = nil
        }
    }
}

/// What a fresh test database holds.
public enum DatabaseKind: String, Sendable {
    case empty, migrated, seeded
    /// The seeded demo anchored at `TestCluster.liveAnchor` (this process's clock) rather than the fixed anchor.
    case seededLive = "seeded_live"
    /// The tickettoken profile's fixture as seed 001 writes it (enums, DECIMAL, TIMESTAMP), payops installed with
    /// its indexes, no rows; and the same filled with the demo data set (converted from the canonical one).
    case ticketToken = "tt", ticketTokenSeeded = "tt_seeded"
    /// The fixture that follows TicketToken's real migrations (tenants, forced RLS), installed; and filled.
    case ticketTokenRLS = "ttrls", ticketTokenRLSSeeded = "ttrls_seeded"
}

/// The cluster could not start earlier in this process; every later test reports the same reason.
public struct TestClusterError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

extension String {
    /// The same conninfo with `user=` replaced (tests connect as an operator login).
    public func replacingUser(_ user: String) -> String {
        split(separator: " ").map { $0.hasPrefix("user=") ? "user=\(user)" : String($0) }.joined(separator: " ")
    }
}
