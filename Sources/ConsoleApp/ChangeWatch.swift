import Screens

/// What the console knows of each pane's change probe (README, "### What an idle console costs"): the fingerprint
/// taken just before the pane's last full read, when that read was, and what the probe and the read cost. A live
/// refresh whose probe answers the same fingerprint is skipped, unless the last full read is older than
/// `fullReadAtLeastEveryMilliseconds` (what a probe cannot see shows within that time). A probe that costs as much
/// as the read it guards, three times in a row, is dropped for that pane: it cannot pay.
struct ChangeWatch {
    /// A full read at least this often, whatever the probe says.
    /// Five minutes: at 10 M payments a full Overview costs ~600 ms, so a full read a minute alone would be 1 % of a
    /// core (make bench); every five minutes it is 0.2 %.
    static let fullReadAtLeastEveryMilliseconds = 300_000

    private struct Entry {
        var fingerprint: String
        var readAt: Int
        var readCost = 0
    }

    private var entries: [String: Entry] = [:]
    /// Fingerprints taken before a full read that has not arrived yet.
    private var pending: [String: String] = [:]
    /// Probes that cost too much for what they save.
    private var dropped: Set<String> = []
    /// Probes in a row that cost as much as the read they guard.
    private var expensive: [String: Int] = [:]
    /// How many refreshes were skipped and how many probes ran (for `:log` and tests).
    private(set) var skipped = 0, probes = 0

    /// False where the profile's probes would not be index lookups (`ChangeProbeQueries.available`).
    var enabled = false

    /// True when `probe` should run before this read.
    func wants(_ probe: ChangeProbe) -> Bool { enabled && !dropped.contains(probe.key) }

    /// The probe answered `fingerprint` after `cost` ms: true when the read can be skipped (a refresh, the same
    /// fingerprint as before the last full read, and that read recent enough).
    mutating func probed(_ probe: ChangeProbe, fingerprint: String, cost: Int, isRefresh: Bool, now: Int) -> Bool {
        probes += 1
        if let entry = entries[probe.key], entry.readCost > 0, cost >= entry.readCost, cost > 2 {
            expensive[probe.key, default: 0] += 1
            if expensive[probe.key]! >= 3 { dropped.insert(probe.key) }
        } else {
            expensive[probe.key] = 0
        }
        if isRefresh, let entry = entries[probe.key], entry.fingerprint == fingerprint,
           now - entry.readAt < Self.fullReadAtLeastEveryMilliseconds
        {
            skipped += 1
            return true
        }
        pending[probe.key] = fingerprint
        return false
    }

    /// The full read the probe guarded arrived, after `cost` ms.
    mutating func read(_ probe: ChangeProbe, cost: Int, now: Int) {
        guard let fingerprint = pending.removeValue(forKey: probe.key) else { return }
        entries[probe.key] = Entry(fingerprint: fingerprint, readAt: now, readCost: cost)
    }

    /// Forgets every fingerprint (another database, another tenant, a reconnect: the next read is a full one).
    mutating func reset() {
        entries = [:]
        pending = [:]
    }
}
