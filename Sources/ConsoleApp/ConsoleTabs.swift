import PaymentData
import Screens

/// The six top-level panes, in the order of their digit keys, and how `:` commands reach them.
enum ConsoleTabs {
    static var all: [Tab] {
        [
            Tab("Overview") { OverviewPane() },
            Tab("Transactions") { TransactionsPane() },
            Tab("Audit trail") { AuditPane() },
            Tab("Suspicious IPs") { SuspiciousIPsPane() },
            Tab("Queues") { QueuesPane() },
            Tab("Venues") { VenuesPane() },
        ]
    }

    static var routes: Routes { Routes(ipPane: { IPDrilldownPane(network: $0) }) }
}
