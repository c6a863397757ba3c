import PaymentData

/// What the shell asks the backend (ConsoleApp) to do: the only way Screens reaches the outside world.
public enum ShellEffect {
    /// Run a query; its decoded change is applied when it arrives.
    case run(DataRequest)
    /// Cancel whatever query is running (Esc while loading).
    case cancelQuery
    case quit
    /// Put text on the clipboard (OSC 52).
    case copy(String)
    /// Stream a CSV export to a file.
    case export(ExportRequest)
    /// Switch to a colour theme by name.
    case setTheme(String)
    /// Connect to another database by its pg_service.conf name (`:ctx NAME`); nil lists the names.
    case setContext(String?)
    /// List the tenants (nil), or make the session work in one tenant (or `all`), then reload.
    case setTenant(String?)
    /// Send an operator action; the outcome goes back through `ConsoleModel.finishAction`.
    case perform(ActionRequest)
}

/// What the header shows about the connection.
public struct ConnectionHeader: Sendable, Equatable {
    public var database: String
    public var user: String
    public var host: String
    public var server: String
    public var readonly: Bool
    /// The tenant the session works in ("tenant 0a1b2c3d", "all tenants"), on platforms that isolate tenants.
    public var tenant: String?
    /// The server the panes read from, when it is not this one (`--read-dsn`); this one then serves actions.
    public var reads: ReadServerHeader?
    /// `host:port` of this server, shown beside `reads` so the two can be told apart.
    public var port: String = ""
    /// The pg_service.conf service the session is connected through (`:ctx`, `--context`), if any.
    public var context: String?
    /// Makes a header.
    public init(database: String, user: String, host: String, server: String, readonly: Bool) {
        self.database = database
        self.user = user
        self.host = host
        self.server = server
        self.readonly = readonly
    }
}

/// One of the six top-level panes.
public struct Tab {
    public var name: String
    public var makeRoot: () -> any Pane
    /// Makes a tab.
    public init(_ name: String, _ makeRoot: @escaping () -> any Pane) {
        self.name = name
        self.makeRoot = makeRoot
    }
}

/// How `:` commands reach panes that the shell does not know by type.
public struct Routes {
    /// Index of the tab for each command.
    public var transactionsTab = 1, suspiciousTab = 3, venuesTab = 5
    /// A drill-down for an IP or network (`:ip ADDR`).
    public var ipPane: (InetAddress) -> any Pane
    /// Makes routes.
    public init(ipPane: @escaping (InetAddress) -> any Pane) { self.ipPane = ipPane }
}
