import ArgumentParser
import CCurses
import PaymentData
#if canImport(Glibc)
import Glibc
#endif

/// The console's event loop: one `poll()` over the keyboard, termination signals and the database
/// socket, so the screen stays live while queries run. (This first version shows the header and a
/// live overview; the panes arrive with the console issue.)
final class ConsoleSession {
    private let connection: PGConnection
    private let readonly: Bool
    private var capabilities: SessionCapabilities?
    private var overview: Overview?
    private var pending: PendingQuery?
    private var status = "loading…"
    private var lastRefresh = 0
    private var quit = false
    private let refreshMilliseconds = 2000

    init(connection: PGConnection, readonly: Bool) {
        self.connection = connection
        self.readonly = readonly
    }

    /// Runs until `q`, Ctrl-C, SIGTERM or SIGHUP; the terminal is restored on every path.
    func run() throws {
        let signals = payops_signalfd_for_termination()
        defer { if signals >= 0 { close(signals) } }
        capabilities = try? connection.run(SessionQueries.capabilities())
        let terminal: CursesTerminal
        do { terminal = try CursesTerminal(logPath: "/tmp/payops-\(getuid()).log") } catch let error as TerminalError {
            printError("payops: \(error)")
            throw ExitCode(1)
        }
        defer { terminal.restore() }
        while !quit {
            if pending == nil, monotonicMilliseconds() - lastRefresh >= refreshMilliseconds { startRefresh() }
            draw(terminal)
            var descriptors = [pollfd(fd: 0, events: Int16(POLLIN), revents: 0),
                               pollfd(fd: signals, events: Int16(POLLIN), revents: 0),
                               pollfd(fd: pending == nil ? -1 : connection.socket, events: Int16(POLLIN), revents: 0)]
            let ready = poll(&descriptors, nfds_t(descriptors.count), Int32(pending == nil ? refreshMilliseconds : 100))
            if ready < 0 && errno != EINTR { break }
            if descriptors[1].revents != 0 { quit = true }
            if descriptors[2].revents != 0 { pending?.advance() }
            while let key = terminal.readKey() { handle(key) }
        }
        pending?.cancel()
    }

    private func startRefresh() {
        lastRefresh = monotonicMilliseconds()
        do {
            pending = try PendingQuery(OverviewQueries.overview(), on: connection) { [weak self] result in
                guard let self else { return }
                self.pending = nil
                switch result {
                case let .success(value):
                    self.overview = value
                    self.status = "refreshed"
                case let .failure(error):
                    self.status = "error: \(error)"
                }
            }
        } catch {
            status = "error: \(error)"
        }
    }

    private func handle(_ key: CursesTerminal.Key) {
        switch key {
        case .character("q"), .control("c"): quit = true
        case .character("R"): lastRefresh = 0
        case .escape: pending?.cancel()
        default: break
        }
    }

    private func draw(_ terminal: CursesTerminal) {
        terminal.erase()
        let info = connection.info
        let mode = readonly || capabilities?.canWrite != true ? "[RO]" : "[RW]"
        terminal.draw(" payops  \(info.database)  \(info.user)@\(info.host.isEmpty ? "local" : info.host)  "
                      + "PostgreSQL \(capabilities?.serverVersion ?? "?")  \(mode)", row: 0, column: 0, bold: true)
        if let overview {
            let rate = overview.successRateBasisPoints.map { "\($0 / 100).\(String(format2: $0 % 100))%" } ?? "—"
            terminal.draw("Last 24 h: \(overview.total) payments, success \(rate), failed \(overview.counts[.failed] ?? 0)",
                          row: 2, column: 1)
            terminal.draw("Revenue: " + overview.revenue.map { "\($0.decimalString) \($0.currency.code)" }.joined(separator: ", "),
                          row: 3, column: 1)
            terminal.draw("Queues: outbox \(overview.queues.total(.outbox)) (stuck \(overview.queues.total(.outboxStuck))), "
                          + "webhooks \(overview.queues.total(.webhooks)), dead letters \(overview.queues.total(.deadLetters))",
                          row: 4, column: 1)
            terminal.draw("Alarms: " + (overview.alarms.isEmpty ? "none" : overview.alarms.map { "\($0.kind.rawValue) ×\($0.count)" }
                .joined(separator: ", ")), row: 5, column: 1)
        }
        let size = terminal.size
        terminal.draw(pending == nil ? status : "loading… (Esc cancels)", row: size.height - 2, column: 1)
        terminal.draw(" q quit   R refresh   Esc cancel query", row: size.height - 1, column: 0, bold: true)
        terminal.refresh()
    }
}

extension String {
    /// Two digits, zero-padded.
    init(format2 value: Int) { self = value < 10 ? "0\(value)" : "\(value)" }
}
