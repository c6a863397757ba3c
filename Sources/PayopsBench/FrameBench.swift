import PaymentData
import Screens

/// Time to render one full frame into the grid (the curses flush is measured separately, on a terminal).
enum FrameBench {
    static func render(width: Int, height: Int, repetitions: Int, connection: PGConnection) -> Stats {
        let tabs = [Tab("Overview") { OverviewPane() }, Tab("Transactions") { TransactionsPane() },
                    Tab("Audit trail") { AuditPane() }, Tab("Suspicious IPs") { SuspiciousIPsPane() },
                    Tab("Queues") { QueuesPane() }, Tab("Venues") { VenuesPane() }]
        let header = ConnectionHeader(database: "bench", user: "postgres", host: "local", server: "15", readonly: true)
        let model = ConsoleModel(tabs: tabs, header: header, routes: Routes(ipPane: { IPDrilldownPane(network: $0) }))
        var grid = Grid(width: width, height: height)
        model.render(into: &grid, milliseconds: 0)                    // lay out once so pages match the height
        for effect in model.handle(.character("2"), milliseconds: 0) {
            if case let .run(request) = effect, let apply = try? connection.run(request.query) { apply() }
        }
        var times: [Double] = []
        for index in 0..<repetitions {
            var frame = Grid(width: width, height: height)
            let start = monotonicMicroseconds()
            model.render(into: &frame, milliseconds: index)
            times.append(Double(monotonicMicroseconds() - start) / 1000)
            grid = frame
        }
        precondition(grid.lines.joined().contains("INTENT"), "the frame must show the Transactions pane")
        return Stats(times)
    }
}
