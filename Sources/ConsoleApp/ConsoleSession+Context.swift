import PaymentData
import Screens
#if canImport(Glibc)
import Glibc
#endif

/// Contexts, as k9s switches clusters: `:ctx NAME` connects to another database named in pg_service.conf
/// (libpq's `service=NAME`), closing the old connection; `:ctx` lists the names. Also the prompts' saved
/// histories and what Tab completes.
extension ConsoleSession {
    /// Loads the saved histories and the names `:theme` and `:ctx` complete; saves a history when it changes.
    func preparePrompts() {
        model.commandHistory = HistoryFile.load(":")
        model.filterHistory = HistoryFile.load("/")
        model.historyChanged = { sigil, history in HistoryFile.save(history, for: sigil) }
        model.themeNames = ThemeLoader.names()
        model.contextNames = PGServiceFile.serviceNames()
    }

    /// `:ctx` lists the services; `:ctx NAME` connects through one and starts every pane afresh there.
    /// On failure the session stays where it was and says what libpq said (never a password: libpq's
    /// messages do not repeat them).
    func switchContext(_ name: String?) {
        let names = PGServiceFile.serviceNames()
        model.contextNames = names
        guard let name else {
            model.say(names.isEmpty
                      ? "no services in pg_service.conf (" + PGServiceFile.paths().joined(separator: ", ") + ")"
                      : "contexts: " + names.joined(separator: " ") + (contextName.map { " (now \($0))" } ?? ""))
            return
        }
        guard PGServiceFile.isServiceName(name) else { model.say(":ctx \(name): not a service name", error: true); return }
        guard names.contains(name) else {
            model.say(":ctx \(name): no such service in " + PGServiceFile.paths().joined(separator: ", "), error: true)
            return
        }
        let next: PGConnection
        do {
            next = try PGConnection(PGServiceFile.conninfo(service: name))
        } catch {
            model.say(":ctx \(name): cannot connect: \(error.message)", error: true)
            return
        }
        // Every lane's work stops; a standby of the old context (`--read-dsn`) is closed too: a context is one server.
        for lane in lanes {
            lane.pending?.cancel()
            lane.pending = nil
            lane.queue.removeAll()
        }
        if reads !== primary { reads.connection.close() }
        connection.close()
        primary = Lane(.primary, next)
        reads = primary
        standby = nil
        rollups = RollupMaintainer()     // elected afresh on the new server
        contextName = name
        tenant = nil
        Self.applySessionSettings(connection)
        let capabilities = try? connection.run(SessionQueries.capabilities())
        let info = connection.info
        let readonly = readonlyFlag || settings.readonly || capabilities?.canWrite != true
        var header = ConnectionHeader(database: info.database, user: capabilities?.sessionUser ?? info.user, host: info.host,
                                      server: capabilities?.serverVersion ?? "\(info.serverVersion)", readonly: readonly)
        header.context = name
        let isolated = (try? connection.isolatesTenants()) ?? false
        Self.noteTenantIsolation(isolated)
        if isolated { header.tenant = "no tenant" }
        model.header = header
        model.resetPanes(ConsoleTabs.all)
        changes.reset()
        model.groups = capabilities.map { $0.isSuperuser
            ? ["payops_viewer", "payops_support", "payops_finance", "payops_oncall"] : $0.groups } ?? []
        if let capabilities, !capabilities.payopsInstalled {
            model.unavailable = SessionQueries.notInstalledHint
        } else {
            if let notes = try? connection.run(SessionQueries.paneNotes()) { model.paneNotes = notes }
            changes.enabled = (try? connection.run(ChangeProbeQueries.available())) ?? false
            if isolated { model.unavailable = tenantPrompt() }
        }
        model.say("context \(name): \(header.user)@\(info.database)" + (readonly ? " (read-only)" : ""))
        perform(model.start())
    }
}
