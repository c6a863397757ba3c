import ArgumentParser
import CCurses
import PaymentData
import Screens
#if canImport(Glibc)
import Glibc
#endif

/// The console's event loop: one `poll()` over the keyboard, termination signals and the database
/// socket, so the screen stays live while queries run. Queries run one at a time on the connection,
/// in the order the model asked for them; live refreshes are dropped when something else is waiting.
final class ConsoleSession {
    let connection: PGConnection
    private let readonlyFlag: Bool
    private var settings: Settings
    var model: ConsoleModel!
    private var backend: CursesBackend!
    var queue: [Job] = []
    var pending: PendingQuery?
    /// What the query in flight is: a pane's read can be cancelled when the operator asks for something else.
    var pendingIsRead = false
    /// The query in flight is an operator action (its form waits for the outcome).
    var pendingIsAction = false
    /// A read cancelled because the operator asked for something else: its cancellation is not an error.
    var superseded: ObjectIdentifier?
    var reconnector = Reconnector()
    /// True while the status line shows a lost connection (cleared once data is back).
    var statusIsConnectionError = false
    private var quit = false
    private var exportDirectory: String

    /// A read waiting for the connection.
    enum Job {
        case data(DataRequest)
        case export(Query<ExportChunk>, CSVFile)
        /// An operator action: its outcome goes back to the form that sent it.
        case action(ActionRequest)
    }

    var tenant: TenantContext?

    init(connection: PGConnection, readonly: Bool, settings: Settings = Settings.load(), tenant: TenantContext? = nil) {
        self.connection = connection
        self.tenant = tenant
        readonlyFlag = readonly
        self.settings = settings
        exportDirectory = environment("PAYOPS_EXPORT_DIR").flatMap { $0.isEmpty ? nil : $0 } ?? settings.exportDirectory
            ?? Settings.defaultExportDirectory()
    }

    /// Runs until `q`, `:q`, Ctrl-C, SIGTERM or SIGHUP; the terminal is restored on every path.
    func run() throws {
        let signals = payops_signalfd_for_termination()
        defer { if signals >= 0 { close(signals) } }
        // Reads never wait without a limit: a statement 30 s, a lock 3 s (Esc cancels sooner). Kept across reconnects.
        try? connection.setSession("statement_timeout", "\(Self.statementTimeoutSeconds)s")
        try? connection.setSession("lock_timeout", "\(Self.lockTimeoutSeconds)s")
        // The server ends the work of a console that vanished mid-action.
        try? connection.setSession("client_connection_check_interval", "2s")
        let capabilities = try? connection.run(SessionQueries.capabilities())
        let info = connection.info
        let readonly = readonlyFlag || settings.readonly || capabilities?.canWrite != true
        var header = ConnectionHeader(database: info.database, user: capabilities?.sessionUser ?? info.user, host: info.host,
                                      server: capabilities?.serverVersion ?? "\(info.serverVersion)", readonly: readonly)
        let isolated = (try? connection.isolatesTenants()) ?? false
        if isolated { header.tenant = tenant?.description ?? "no tenant" }
        let terminal: CursesTerminal
        do { terminal = try CursesTerminal(logPath: Settings.logPath()) } catch let error as TerminalError {
            printError("payops: \(error)")
            throw ExitCode(1)
        }
        defer { terminal.restore() }
        let (theme, themeWarning) = ThemeLoader.load(settings.theme)
        backend = CursesBackend(theme: theme, colours: terminal.hasColors)
        model = ConsoleModel(tabs: ConsoleTabs.all, header: header, routes: ConsoleTabs.routes)
        model.intervalIndex = ConsoleModel.intervals.firstIndex(of: settings.refreshSeconds) ?? 1
        if let capabilities {
            model.groups = capabilities.isSuperuser
                ? ["payops_viewer", "payops_support", "payops_finance", "payops_oncall"] : capabilities.groups
        }
        if let capabilities, !capabilities.payopsInstalled {
            model.unavailable = SessionQueries.notInstalledHint
            model.say(SessionQueries.notInstalledHint, error: true)
        } else {
            if let notes = try? connection.run(SessionQueries.paneNotes()) { model.paneNotes = notes }
            if isolated && tenant == nil { model.unavailable = tenantPrompt() }
        }
        if let warning = themeWarning ?? settings.warnings.first { model.say(warning, error: true) }
        perform(model.start())

        while !quit {
            let milliseconds = monotonicMilliseconds()
            if reconnector.active, reconnector.step(connection, now: milliseconds, socketReady: false) { reconnected() }
            checkReadDeadline(now: milliseconds)
            startNextJob()
            perform(model.tick(milliseconds: milliseconds))
            startNextJob()
            model.loading = pending.map { ($0.name, $0.startedAt) }
            model.connectionNote = reconnector.active ? reconnector.note(now: milliseconds) : nil
            model.now = ConsoleSession.wallClock()
            let size = terminal.size
            var grid = Grid(width: size.width, height: size.height)
            model.render(into: &grid, milliseconds: milliseconds)
            backend.flush(grid)

            var database = pollfd(fd: pending == nil ? -1 : connection.socket, events: Int16(POLLIN), revents: 0)
            switch reconnector.wait {
            case .none: if reconnector.active { database.fd = -1 }
            case let .readable(fd): database = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            case let .writable(fd): database = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
            }
            var descriptors = [pollfd(fd: 0, events: Int16(POLLIN), revents: 0),
                               pollfd(fd: signals, events: Int16(POLLIN), revents: 0), database]
            let busy = pending != nil || reconnector.active
            let ready = poll(&descriptors, nfds_t(descriptors.count), busy ? 100 : 250)
            if ready < 0 && errno != EINTR { break }
            if descriptors[1].revents != 0 {
                var info = signalfd_siginfo()
                if read(signals, &info, MemoryLayout<signalfd_siginfo>.size) > 0 { stoppedBy = Int32(info.ssi_signo) }
                quit = true
            }
            if descriptors[2].revents != 0 {
                if reconnector.active {
                    if reconnector.step(connection, now: monotonicMilliseconds(), socketReady: true) { reconnected() }
                } else if let query = pending, query.advance() {
                    pending = nil
                }
            }
            while let key = terminal.readKey() {
                if key == .resize { backend.invalidate() }
                perform(model.handle(key, milliseconds: monotonicMilliseconds()))
            }
        }
        pending?.cancel()
        terminal.restore()
        // q and Ctrl-C (a key here) end a session normally: 0. SIGTERM and SIGHUP are someone else stopping it:
        // 128 + the signal, as a shell reports it, so a supervisor or script can tell the two apart.
        if let stoppedBy { throw ExitCode(128 + stoppedBy) }
    }

    /// The termination signal that ended the session, if one did.
    private var stoppedBy: Int32?

    func perform(_ effects: [ShellEffect]) {
        for effect in effects {
            switch effect {
            case let .run(request):
                if model.unavailable != nil || reconnector.active { continue }
                if request.isRefresh && (pending != nil || !queue.isEmpty) { continue }
                if !request.isRefresh, let read = pending, pendingIsRead, superseded == nil {
                    // The operator asked for something else: the read in flight must not hold it up.
                    superseded = ObjectIdentifier(read)
                    read.cancel()
                    queue.removeAll { if case .data = $0 { true } else { false } }
                }
                queue.append(.data(request))
            case .cancelQuery:
                pending?.cancel()
                queue.removeAll()
            case .quit:
                quit = true
            case let .copy(text):
                Clipboard.copy(text)
            case let .export(request):
                do {
                    try CSVFile.makeDirectory(exportDirectory)
                    let file = try CSVFile(directory: exportDirectory, stem: request.fileStem, header: request.header,
                                           raw: settings.rawExport)
                    if let rows = request.held {
                        try file.write(rows)
                        file.close()
                        model.say("exported \(Formats.count(file.rows)) rows to \(file.path)")
                    } else {
                        queue.append(.export(request.first, file))
                    }
                } catch {
                    model.say("export failed: \(error)", error: true)
                }
            case let .perform(request):
                queue.append(.action(request))
            case let .setTenant(text):
                switchTenant(text)
            case let .setTheme(name):
                let (theme, warning) = ThemeLoader.load(name)
                if let warning { model.say(warning, error: true) } else {
                    backend.setTheme(theme)
                    model.say("theme \(name)")
                }
            }
        }
    }

    /// Sends the next waiting job when the connection is free.
    private func startNextJob() {
        guard pending == nil, !queue.isEmpty, !reconnector.active else { return }
        if !connection.isHealthy {
            connectionLost(PGError(.connection, sqlState: "08006", message: "the connection is closed"))
            return
        }
        let job = queue.removeFirst()
        pendingIsRead = false
        pendingIsAction = false
        superseded = nil
        do {
            switch job {
            case let .data(request):
                pendingIsRead = true
                pending = try PendingQuery(request.query, on: connection) { [weak self] result in
                    guard let self else { return }
                    switch result {
                    case let .success(apply):
                        apply()
                        if statusIsConnectionError { model.say("connection back") }
                    case let .failure(error):
                        if let pending, superseded == ObjectIdentifier(pending) { return }
                        report(error, modal: model.modal != nil)
                    }
                }
            case let .action(request):
                pendingIsAction = true
                pending = try PendingQuery(request.query, on: connection) { [weak self] result in
                    guard let self else { return }
                    perform(model.finishAction(result, milliseconds: monotonicMilliseconds()))
                    if case let .failure(error as PGError) = result, error.isConnectionLoss {
                        reconnector.begin(now: monotonicMilliseconds(), reason: error.message)
                    }
                }
            case let .export(query, file):
                pending = try PendingQuery(query, on: connection) { [weak self] result in
                    self?.continueExport(result, file: file)
                }
            }
        } catch {
            if case .action = job {
                perform(model.finishAction(.failure(error), milliseconds: monotonicMilliseconds()))
            } else {
                report(error, modal: model.modal != nil)
            }
        }
    }

    private func continueExport(_ result: Result<ExportChunk, Error>, file: CSVFile) {
        switch result {
        case let .success(chunk):
            do {
                try file.write(chunk.rows)
                if let next = chunk.next {
                    queue.insert(.export(next, file), at: 0)
                    model.say("exporting… \(Formats.count(file.rows)) rows")
                } else {
                    file.close()
                    model.say("exported \(Formats.count(file.rows)) rows to \(file.path)")
                }
            } catch {
                file.close()
                model.say("export failed: \(error)", error: true)
            }
        case let .failure(error):
            file.close()
            model.say("export stopped after \(file.rows) rows: \(ConsoleSession.words(for: error))", error: true)
        }
    }

    static func wallClock() -> Timestamp {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Timestamp(microseconds: Int64(spec.tv_sec) * 1_000_000 + Int64(spec.tv_nsec / 1000))
    }

    static func workingDirectory() -> String {
        var buffer = [CChar](repeating: 0, count: 4096)
        guard getcwd(&buffer, buffer.count) != nil else { return "/tmp" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
