import ArgumentParser
import CCurses
import PaymentData
import Screens
#if canImport(Glibc)
import Glibc
#endif

/// The console's event loop: one `poll()` over the keyboard, termination signals and the database
/// sockets, so the screen stays live while queries run. Queries run one at a time on each lane (the primary, and
/// with `--read-dsn` a standby for pane reads), in the order the model asked for them; live refreshes are dropped
/// when something else is waiting.
final class ConsoleSession {
    /// Actions, their previews, and every read when there is no read server.
    var primary: Lane
    /// Pane reads and exports: a standby's lane with `--read-dsn`, else the primary's.
    var reads: Lane
    /// The primary's connection.
    var connection: PGConnection { primary.connection }
    /// With `--read-dsn`: where reads go when it is lost, its lag limit, read-your-writes.
    var standby: StandbyRouting?
    let readonlyFlag: Bool
    var settings: Settings
    /// The pg_service.conf service connected through (`--context`, `:ctx`), if any.
    var contextName: String?
    var model: ConsoleModel!
    private var backend: CursesBackend!
    /// This console's part in keeping payops' rollups up to date (ConsoleSession+Rollups.swift), on the primary.
    var rollups = RollupMaintainer()
    /// Each pane's change probe: its last fingerprint, what it saves (ChangeWatch.swift).
    var changes = ChangeWatch()
    private var quit = false
    private var exportDirectory: String

    /// A read waiting for the connection.
    enum Job {
        /// A pane's read; `guardedBy` is the change probe that ran just before it (its fingerprint is kept once the
        /// read arrives).
        case data(DataRequest, guardedBy: ChangeProbe? = nil)
        case export(Query<ExportChunk>, CSVFile)
        /// An operator action: its outcome goes back to the form that sent it.
        case action(ActionRequest)
        /// The console's own bookkeeping on a lane: a commit position, a replay check, the standby's lag.
        case probe(Probe)
    }


    var tenant: TenantContext?

    /// A console on `connection`; with `reads`, pane reads go to that server (a streaming standby) as `plan` says.
    init(connection: PGConnection, readonly: Bool, settings: Settings = Settings.load(), tenant: TenantContext? = nil,
         reads: (connection: PGConnection, plan: ReadPlan)? = nil) {
        primary = Lane(.primary, connection)
        if let reads {
            self.reads = Lane(.standby, reads.connection)
            standby = StandbyRouting(plan: reads.plan)
        } else {
            self.reads = primary
        }
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
        for lane in lanes { Self.applySessionSettings(lane.connection) }
        let capabilities = try? connection.run(SessionQueries.capabilities())
        let info = connection.info
        let readonly = readonlyFlag || settings.readonly || capabilities?.canWrite != true
        var header = ConnectionHeader(database: info.database, user: capabilities?.sessionUser ?? info.user, host: info.host,
                                      server: capabilities?.serverVersion ?? "\(info.serverVersion)", readonly: readonly)
        let isolated = (try? connection.isolatesTenants()) ?? false
        Self.noteTenantIsolation(isolated)
        if isolated { header.tenant = tenant?.description ?? "no tenant" }
        if let standby {
            header.port = info.port
            header.reads = ReadServerHeader(server: reads.serverLabel, lagLimitSeconds: standby.plan.lagLimitSeconds,
                                            fallback: standby.plan.fallback)
        }
        header.context = contextName
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
        preparePrompts()
        if let capabilities {
            model.groups = capabilities.isSuperuser
                ? ["payops_viewer", "payops_support", "payops_finance", "payops_oncall"] : capabilities.groups
        }
        if let capabilities, !capabilities.payopsInstalled {
            model.unavailable = SessionQueries.notInstalledHint
            model.say(SessionQueries.notInstalledHint, error: true)
        } else {
            if let notes = try? connection.run(SessionQueries.paneNotes()) { model.paneNotes = notes }
            changes.enabled = (try? connection.run(ChangeProbeQueries.available())) ?? false
            if isolated && tenant == nil { model.unavailable = tenantPrompt() }
        }
        if let warning = themeWarning ?? settings.warnings.first { model.say(warning, error: true) }
        perform(model.start())

        while !quit {
            let milliseconds = monotonicMilliseconds()
            for lane in lanes where lane.reconnector.active {
                if lane.reconnector.step(lane.connection, now: milliseconds, socketReady: false) { reconnected(lane) }
            }
            for lane in lanes { checkReadDeadline(lane, now: milliseconds) }
            if standby != nil { standbyStep(now: milliseconds) }
            lanes.forEach(startNextJob)
            perform(model.tick(milliseconds: milliseconds))
            lanes.forEach(startNextJob)
            maintainRollups(now: milliseconds)
            model.loading = lanes.lazy.compactMap { lane in lane.pendingIsProbe ? nil : lane.pending }.first
                .map { ($0.name, $0.startedAt) } ?? replayWait ?? slowProbe(now: milliseconds)
            model.connectionNote = primary.reconnector.active ? primary.reconnector.note(now: milliseconds) : nil
            model.now = ConsoleSession.wallClock()
            let size = terminal.size
            var grid = Grid(width: size.width, height: size.height)
            model.render(into: &grid, milliseconds: milliseconds)
            backend.flush(grid)

            var descriptors = [pollfd(fd: 0, events: Int16(POLLIN), revents: 0),
                               pollfd(fd: signals, events: Int16(POLLIN), revents: 0)] + lanes.map(\.descriptor)
            let busy = lanes.contains { $0.pending != nil || $0.reconnector.active }
            let ready = poll(&descriptors, nfds_t(descriptors.count), standby?.isWaiting == true ? 50 : busy ? 100 : 250)
            if ready < 0 && errno != EINTR { break }
            if descriptors[1].revents != 0 {
                var info = signalfd_siginfo()
                if read(signals, &info, MemoryLayout<signalfd_siginfo>.size) > 0 { stoppedBy = Int32(info.ssi_signo) }
                quit = true
            }
            for (index, lane) in lanes.enumerated() where descriptors[2 + index].revents != 0 {
                if lane.reconnector.active {
                    if lane.reconnector.step(lane.connection, now: monotonicMilliseconds(), socketReady: true) { reconnected(lane) }
                } else if let query = lane.pending, query.advance(), lane.pending === query {
                    lane.pending = nil
                }
            }
            while let key = terminal.readKey() {
                if key == .resize { backend.invalidate() }
                perform(model.handle(key, milliseconds: monotonicMilliseconds()))
            }
        }
        for lane in lanes { lane.pending?.cancel() }
        terminal.restore()
        // q and Ctrl-C (a key here) end a session normally: 0. SIGTERM and SIGHUP are someone else stopping it:
        // 128 + the signal, as a shell reports it, so a supervisor or script can tell the two apart.
        if let stoppedBy { throw ExitCode(128 + stoppedBy) }
    }

    /// The termination signal that ended the session, if one did.
    private var stoppedBy: Int32?

    /// The primary's lane, then the read server's when there is one.
    var lanes: [Lane] { reads === primary ? [primary] : [primary, reads] }

    func perform(_ effects: [ShellEffect]) {
        for effect in effects {
            switch effect {
            case let .run(request):
                // An action form's preview or dry run reads the primary it is about to change (some lock rows).
                if model.unavailable != nil && model.modal == nil { continue }
                let lane = lane(forRead: model.modal != nil)
                if lane.reconnector.active { continue }
                if request.isRefresh && lanes.contains(where: \.busy) { continue }
                if !request.isRefresh {
                    yieldRollupStep()
                    for other in lanes {
                        guard let read = other.pending, other.pendingIsRead, other.superseded == nil else { continue }
                        // The operator asked for something else: the read in flight must not hold it up.
                        other.superseded = ObjectIdentifier(read)
                        read.cancel()
                        other.queue.removeAll { if case .data = $0 { true } else { false } }
                    }
                }
                lane.queue.append(.data(request))
            case .cancelQuery:
                for lane in lanes {
                    lane.pending?.cancel()
                    lane.dropReads()
                }
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
                        lane(forRead: false).queue.append(.export(request.first, file))
                    }
                } catch {
                    model.say("export failed: \(error)", error: true)
                }
            case let .perform(request):
                primary.queue.append(.action(request))
            case let .setTenant(text):
                switchTenant(text)
            case let .setContext(name):
                switchContext(name)
            case let .setTheme(name):
                let (theme, warning) = ThemeLoader.load(name)
                if let warning { model.say(warning, error: true) } else {
                    backend.setTheme(theme)
                    model.say("theme \(name)")
                }
            }
        }
    }

    /// Sends the lane's next waiting job when its connection is free (while an action's commit is not yet replayed
    /// on the standby, only the standby's probes go).
    private func startNextJob(_ lane: Lane) {
        guard lane.pending == nil, !lane.queue.isEmpty, !lane.reconnector.active else { return }
        if !lane.connection.isHealthy {
            connectionLost(PGError(.connection, sqlState: "08006", message: "the connection is closed"), lane: lane)
            return
        }
        let held = lane === reads && lane !== primary && standby?.holdsReads == true
        guard let index = held ? lane.queue.firstIndex(where: { if case .probe = $0 { true } else { false } }) : 0 else { return }
        let job = lane.queue.remove(at: index)
        lane.pendingIsRead = false
        lane.pendingIsAction = false
        lane.pendingIsProbe = false
        lane.superseded = nil
        do {
            switch job {
            case let .data(request, _) where request.changeProbe.map(changes.wants) == true:
                lane.pendingIsRead = true
                lane.pending = try probeChanges(request, on: lane)
            case let .data(request, guardedBy):
                lane.pendingIsRead = true
                lane.pending = try PendingQuery(request.query, on: lane.connection) { [weak self, unowned lane] result in
                    guard let self else { return }
                    switch result {
                    case let .success(apply):
                        apply()
                        if let read = lane.pending {
                            let now = monotonicMilliseconds()
                            model.lastReadMilliseconds = now - read.startedAt
                            model.dataAsOf = ConsoleSession.wallClock()
                            if let guardedBy { changes.read(guardedBy, cost: now - read.startedAt, now: now) }
                        }
                        if lane.statusIsConnectionError {
                            lane.statusIsConnectionError = false
                            model.say("connection back")
                        }
                    case let .failure(error):
                        if let pending = lane.pending, lane.superseded == ObjectIdentifier(pending) { return }
                        report(error, modal: model.modal != nil, lane: lane)
                    }
                }
            case let .action(request):
                lane.pendingIsAction = true
                lane.pending = try PendingQuery(request.query, on: lane.connection) { [weak self, unowned lane] result in
                    guard let self else { return }
                    // Committed: the standby's next reads wait for this commit (read your own writes).
                    if case .success = result { actionCommitted() }
                    perform(model.finishAction(result, milliseconds: monotonicMilliseconds()))
                    if case let .failure(error as PGError) = result, error.isConnectionLoss {
                        lane.reconnector.begin(now: monotonicMilliseconds(), reason: error.message)
                    }
                }
            case let .probe(probe):
                lane.pendingIsProbe = true
                lane.pending = try PendingQuery(probe.query, on: lane.connection) { [weak self, unowned lane] result in
                    guard let self else { return }
                    switch result {
                    case let .success(apply): apply()
                    case let .failure(error as PGError) where error.isConnectionLoss: connectionLost(error, lane: lane)
                    case let .failure(error): probe.failed(error)
                    }
                }
            case let .export(query, file):
                lane.pending = try PendingQuery(query, on: lane.connection) { [weak self, unowned lane] result in
                    self?.continueExport(result, file: file, lane: lane)
                }
            }
        } catch {
            switch job {
            case .action: perform(model.finishAction(.failure(error), milliseconds: monotonicMilliseconds()))
            case let .probe(probe):
                if error.isConnectionLoss { connectionLost(error, lane: lane) } else { probe.failed(error) }
            default: report(error, modal: model.modal != nil, lane: lane)
            }
        }
    }

    /// Runs a read's change probe; the read follows at the head of the lane's queue unless the probe shows nothing
    /// changed since the pane's last full read (a live refresh then costs only the probe). A failed probe is no
    /// reason to skip: the read follows.
    private func probeChanges(_ request: DataRequest, on lane: Lane) throws(PGError) -> PendingQuery {
        guard let probe = request.changeProbe else { throw PGError(.protocolState, message: "no change probe") }
        var read = request
        read.changeProbe = nil
        return try PendingQuery(probe.query, on: lane.connection) { [weak self, unowned lane] result in
            guard let self else { return }
            let now = monotonicMilliseconds()
            let cost = lane.pending.map { now - $0.startedAt } ?? 0
            if case let .success(fingerprint) = result,
               changes.probed(probe, fingerprint: fingerprint, cost: cost, isRefresh: request.isRefresh, now: now)
            {
                model.lastReadMilliseconds = cost
                model.dataAsOf = ConsoleSession.wallClock()
                return
            }
            if let pending = lane.pending, lane.superseded == ObjectIdentifier(pending) { return }  // the operator moved on
            var succeeded = true
            if case let .failure(error) = result {
                if let error = error as? PGError, error.isConnectionLoss {
                    connectionLost(error, lane: lane)
                    return
                }
                succeeded = false
            }
            lane.queue.insert(.data(read, guardedBy: succeeded ? probe : nil), at: 0)
        }
    }

    private func continueExport(_ result: Result<ExportChunk, Error>, file: CSVFile, lane: Lane) {
        switch result {
        case let .success(chunk):
            do {
                try file.write(chunk.rows)
                if let next = chunk.next {
                    lane.queue.insert(.export(next, file), at: 0)
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
