/// The planner settings of every session that reads for a pane: the console's, and the bench's sessions and psql
/// runs that measure the same statements. No JIT (a rollup-backed read's plan carries the estimates of its never-run
/// raw branches: compiling it took ~700 ms of a 750 ms Overview at 10 M payments); no parallel workers (a Gather
/// above a fallback branch never run still started its workers, ~7 ms a read: Overview 28 → 8.5 ms at 1 M).
public enum PlannerSettings {
    public static let all: [(name: String, value: String)] = [("jit", "off"), ("max_parallel_workers_per_gather", "0")]

    /// The same settings as libpq's PGOPTIONS (for psql).
    public static var pgOptions: String { all.map { "-c \($0.name)=\($0.value)" }.joined(separator: " ") }

    /// Sets them on a connection, now and after every reconnect.
    public static func apply(_ connection: PGConnection) throws(PGError) {
        for setting in all { try connection.setSession(setting.name, setting.value) }
    }
}
