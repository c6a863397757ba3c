import Foundation
import PaymentData
import Testing
import TestSupport

/// Seeded random invariant test of the operator-action functions (migrations 4, 6 and 8): thousands of random
/// actions by random operators on the seeded demo data, on each platform payops installs beside (the canonical
/// demo platform, and tickettoken: seed 001 as the seed writes it). After each one: refunds never exceed payments,
/// no balance goes negative, money is conserved; a keyed success wrote exactly one audit row (by the calling login) and
/// changed what it should and nothing else, and wrote the values the model works out: the refund's payment, amount,
/// reason and status (the payment's status left alone) and its outbox event (type, aggregate, and a payload of the
/// refund and payment ids, amount, currency, reason and operator; on canonical its payment event too); the payout's
/// fee and status; the exact balance move of an approval, none of a request or rejection; each requeued dead
/// letter's event copied to a new unattempted outbox row and the dead letter stamped with it and the operator; a
/// retried webhook pending; a reset outbox row due again with its event unchanged; a block's reason, author and
/// expiry; an operator login in its group. Every action the console or CLI sends is in the mix: the bulk requeue
/// of exactly the ids a dry run showed (requeue_dead_letter_set: PX031, PX036, PX002 when they went stale) and
/// create_operator (superusers only, no key) included. A replay returned the first result and wrote nothing; a
/// refusal had the documented code the rules predict and wrote nothing at all. The model reads through the read model
/// (payops_read) and restates the rules itself; what differs between platforms is in InvariantProfile.
///
/// A failure prints its seed and the last steps. Replay it with
/// `PAYOPS_INVARIANT_SEED=<seed> swift test --filter RandomInvariantTests` (`PAYOPS_INVARIANT_ACTIONS=<n>`
/// changes the number of actions).
@Suite("random operator actions keep the invariants")
struct RandomInvariantTests {
    static let defaultSeed: UInt64 = 0x5EED_2026_0042
    static let defaultActions = 10_000

    @Test("10,000 random actions by random operators: invariants after each, refusals write nothing, every outcome seen")
    func randomActions() throws {
        try runAndExpectEveryOutcome(.canonical)
    }

    @Test("the same 10,000 on tickettoken (seed 001 as written: DECIMAL cents, enums, TIMESTAMP, payops' payout table)")
    func randomActionsTicketToken() throws {
        try runAndExpectEveryOutcome(.tickettoken)
    }

    private func runAndExpectEveryOutcome(_ profile: InvariantProfile) throws {
        let environment = ProcessInfo.processInfo.environment
        let seed = environment["PAYOPS_INVARIANT_SEED"].flatMap { UInt64($0) } ?? Self.defaultSeed
        let actions = environment["PAYOPS_INVARIANT_ACTIONS"].flatMap { Int($0) } ?? Self.defaultActions
        let run = try InvariantRun(seed: seed, profile: profile)
        try run.run(actions: actions)
        print("random invariants, \(profile.name), seed \(seed), \(actions) actions:\n\(run.summary)")
        guard run.failures == 0, actions >= Self.defaultActions else { return }

        // Not vacuous: every action succeeded, was replayed, was refused several ways and by a wrong group,
        // and every code an operator can cause happened. The same holds on tickettoken: nothing there is out of
        // reach (a partly refunded payment reads 'completed' and stays refundable; PX010 comes from its pending,
        // failed and refunded payments; its payouts, requeues and blocks take the same paths).
        for kind in ActionKind.allCases {
            let seen = run.outcomes[kind, default: [:]]
            let ok = seen["ok", default: 0]
            #expect(ok >= 3, "\(kind.rawValue) rarely succeeded (\(profile.name), seed \(seed)):\n\(run.summary)")
            #expect(!kind.keyed || seen["replay", default: 0] >= 1,
                    "\(kind.rawValue) never replayed (\(profile.name), seed \(seed)):\n\(run.summary)")
            #expect(seen.keys.filter { $0.hasPrefix("PX") }.count >= (kind.keyed ? 4 : 2),
                    "\(kind.rawValue) refused fewer than 4 ways (\(profile.name), seed \(seed)):\n\(run.summary)")
            #expect(seen["42501", default: 0] >= 1,
                    "\(kind.rawValue) never by a wrong group (\(profile.name), seed \(seed)):\n\(run.summary)")
        }
        #expect(run.outcomes[.requeueDeadLetters]?["dry run", default: 0] ?? 0 >= 3)
        let seenCodes = Set(run.outcomes.values.flatMap(\.keys))
        let missing = InvariantRun.documentedCodes.subtracting(seenCodes)
        #expect(missing.isEmpty, "never seen: \(missing.sorted()) (\(profile.name), seed \(seed)):\n\(run.summary)")
        #expect(run.platformSteps >= 20)
    }
}

/// SplitMix64: a tiny deterministic generator, so a run replays exactly from its seed.
private struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// true with probability `p`.
    mutating func chance(_ p: Double) -> Bool { Double(next() >> 11) / Double(1 << 53) < p }
    mutating func int(_ range: ClosedRange<Int64>) -> Int64 { Int64.random(in: range, using: &self) }
    mutating func pick<T>(_ items: [T]) -> T { items[Int.random(in: 0..<items.count, using: &self)] }

    /// One of the weighted choices.
    mutating func weighted<T>(_ choices: [(Int, T)]) -> T {
        var roll = Int.random(in: 0..<choices.reduce(0) { $0 + $1.0 }, using: &self)
        for (weight, value) in choices {
            if roll < weight { return value }
            roll -= weight
        }
        return choices[choices.count - 1].1
    }
}

private typealias Table = InvariantProfile.Table

/// Rows written to a table since the run began, counted by a trigger in the writing transaction: a refused
/// (rolled back) call never shows; any committed INSERT, UPDATE or DELETE does, even one that writes the same
/// values again.
private struct Writes: Equatable {
    var inserted: Int64 = 0
    var updated: Int64 = 0
    var deleted: Int64 = 0
    var rows: Int64 { inserted - deleted }
}

private enum ActionKind: String, CaseIterable {
    case refund, requestPayout = "request_payout", approvePayout = "approve_payout", rejectPayout = "reject_payout"
    case retryWebhook = "retry_webhook", requeueDeadLetter = "requeue_dead_letter"
    case requeueDeadLetters = "requeue_dead_letters", requeueDeadLetterSet = "requeue_dead_letter_set"
    case resetOutbox = "reset_outbox", blockIP = "block_ip", unblockIP = "unblock_ip"
    /// `payops operator create` and the console's `:operator` command: superusers only, no key, no audit row.
    case createOperator = "create_operator"

    /// The group whose members may run it.
    var group: String {
        switch self {
        case .refund, .blockIP, .unblockIP: "support"
        case .requestPayout, .approvePayout, .rejectPayout: "finance"
        case .retryWebhook, .requeueDeadLetter, .requeueDeadLetters, .requeueDeadLetterSet, .resetOutbox: "oncall"
        case .createOperator: InvariantRun.superuser
        }
    }

    /// Whether it takes an idempotency key (and so can be replayed).
    var keyed: Bool { self != .createOperator }

    /// The `action` of its audit row.
    var audited: String {
        switch self {
        case .refund: "refund"
        case .requestPayout: "payout.request"
        case .approvePayout: "payout.approve"
        case .rejectPayout: "payout.reject"
        case .retryWebhook: "webhook.retry"
        case .requeueDeadLetter: "dlq.requeue"
        case .requeueDeadLetters, .requeueDeadLetterSet: "dlq.requeue_group"
        case .resetOutbox: "outbox.reset"
        case .blockIP: "ip.block"
        case .unblockIP: "ip.unblock"
        case .createOperator: "-"
        }
    }

    var function: String {
        switch self {
        case .refund: OperatorActionTests.refund
        case .requestPayout: OperatorActionTests.request
        case .approvePayout: OperatorActionTests.approve
        case .rejectPayout: OperatorActionTests.reject
        case .retryWebhook: OperatorActionTests.retry
        case .requeueDeadLetter: OperatorActionTests.requeue
        case .requeueDeadLetters: OperatorActionTests.requeueGroup
        case .requeueDeadLetterSet: OperatorActionTests.requeueSet
        case .resetOutbox: OperatorActionTests.resetOutbox
        case .blockIP: OperatorActionTests.block
        case .unblockIP: OperatorActionTests.unblock
        case .createOperator: "payops.create_operator($1, $2)"
        }
    }
}

/// One operator action with its arguments (nil is SQL NULL), without its idempotency key.
private enum Action {
    case refund(payment: PGUUID?, amount: Int64?, reason: String?, note: String?)
    case requestPayout(venue: PGUUID?, amount: Int64?, instant: Bool?)
    case approvePayout(PGUUID?)
    case rejectPayout(PGUUID?, reason: String?)
    case retryWebhook(PGUUID?)
    case requeueDeadLetter(Int64?)
    case requeueDeadLetters(group: String?, dryRun: Bool?)
    /// The console's bulk requeue: exactly the dead letters its dry run showed (nil: SQL NULL).
    case requeueDeadLetterSet(group: String?, ids: [Int64]?)
    case resetOutbox(Int64?)
    case blockIP(network: String?, reason: String?, expires: String?)
    case unblockIP(network: String?, reason: String?)
    case createOperator(name: String?, group: String?)

    var kind: ActionKind {
        switch self {
        case .refund: .refund
        case .requestPayout: .requestPayout
        case .approvePayout: .approvePayout
        case .rejectPayout: .rejectPayout
        case .retryWebhook: .retryWebhook
        case .requeueDeadLetter: .requeueDeadLetter
        case .requeueDeadLetters: .requeueDeadLetters
        case .requeueDeadLetterSet: .requeueDeadLetterSet
        case .resetOutbox: .resetOutbox
        case .blockIP: .blockIP
        case .unblockIP: .unblockIP
        case .createOperator: .createOperator
        }
    }

    var arguments: [any PGParam] {
        switch self {
        case let .refund(payment, amount, reason, note): [payment, amount, reason, note]
        case let .requestPayout(venue, amount, instant): [venue, amount, instant]
        case let .approvePayout(payout): [payout]
        case let .rejectPayout(payout, reason): [payout, reason]
        case let .retryWebhook(webhook): [webhook]
        case let .requeueDeadLetter(id): [id]
        case let .requeueDeadLetters(group, dryRun): [group, dryRun]
        case let .requeueDeadLetterSet(group, ids): [group, ids.map { "{" + $0.map(String.init).joined(separator: ",") + "}" }]
        case let .resetOutbox(id): [id]
        case let .blockIP(network, reason, expires): [network, reason, expires]
        case let .unblockIP(network, reason): [network, reason]
        case let .createOperator(name, group): [name, group]
        }
    }

    /// The request as the functions compare it for idempotency: the action, notes and reasons trimmed (blank
    /// is NULL), the error group without dry_run, a set's ids sorted without repeats (none and NULL alike).
    var request: String {
        let parts: [String?]
        switch self {
        case let .refund(payment, amount, reason, note): parts = [payment?.string, amount.map(String.init), reason, note.blankIsNil]
        case let .rejectPayout(payout, reason): parts = [payout?.string, reason.blankIsNil]
        case let .requeueDeadLetters(group, _): parts = [group]
        case let .requeueDeadLetterSet(group, ids):
            parts = [group, Set(ids ?? []).sorted().map(String.init).joined(separator: ",")]
        case let .blockIP(network, reason, expires): parts = [network, reason.blankIsNil, expires]
        case let .unblockIP(network, reason): parts = [network, reason.blankIsNil]
        default: parts = arguments.map(\.pgText)
        }
        return kind.audited + Self.list(parts)
    }

    var isDryRun: Bool {
        if case .requeueDeadLetters(_, true?) = self { return true }
        return false
    }

    var description: String { kind.rawValue + Self.list(arguments.map(\.pgText)) }

    private static func list(_ values: [String?]) -> String {
        "(" + values.map { $0.map { "'\($0)'" } ?? "NULL" }.joined(separator: ", ") + ")"
    }
}

private extension Optional<String> {
    /// The text trimmed of whitespace as payops.trimmed does (POSIX [[:space:]]), nil when nothing is left.
    var blankIsNil: String? {
        guard let text = self?.trimmingCharacters(in: CharacterSet(charactersIn: " \t\n\r\u{0B}\u{0C}")),
              !text.isEmpty else { return nil }
        return text
    }
}

/// What the model says a call must do, worked out from the rules and the rows it touches.
private struct Plan {
    var action: Action
    /// The rules it breaks: it must be refused with one of these codes (none: it must succeed).
    var violations: Set<String> = []
    /// Row count changes a success makes, besides its one audit row.
    var deltas: [Table: Int64] = [:]
    /// Tables whose content a success must change.
    var changes: Set<Table> = []
    /// A dry run's count of dead letters.
    var dryRunCount: Int64?
    /// The values a success must write, as the model works them out (checked after it succeeds).
    var written: Written?

    /// Every table a success may write.
    var writes: Set<Table> { changes.union(deltas.keys).union([.audit]) }
}

/// What a successful action must have written, worked out by the model from seed 001's rules and the rows
/// before the call; `checkWritten` compares it with what the call returned and the rows after it.
private enum Written {
    /// A pending refund of `amount` for `reason` (and the note, trimmed) against a payment with `remainder` left to
    /// refund, whose status (`status`) the refund leaves to the payment service; and seed 001's transactional
    /// outbox event for the payment service to execute it: one unattempted 'refund.requested' event of aggregate
    /// type 'refund' on the payment, carrying the refund and payment ids, the amount in the payment's `currency`,
    /// the reason and the operator (and, where the platform keeps payment events, the same as an event).
    case refund(payment: PGUUID, amount: Int64, reason: String, note: String?, remainder: Int64, status: String,
                currency: String)
    /// Dead letters put back in the outbox, in id order: each one's event (aggregate, type, payload) again as a
    /// new, unattempted, unprocessed outbox row, and the dead letter stamped with that row and the operator.
    case requeue([DeadLetter])
    /// A failed webhook handed back to the handler: pending again.
    case webhookRetry(PGUUID)
    /// A stuck outbox event made due again: no attempts, no last attempt, still unprocessed, the event unchanged.
    case outboxReset(id: Int64, event: String)
    /// A block of `network` for `reason` (trimmed) by the operator, until `expires` (nil: for good).
    case block(network: String, reason: String, expires: String?)
    case unblock(network: String)
    /// A login `name` in payops' `group` (its canonical name); `created` when it did not exist.
    case createOperator(name: String, group: String, created: Bool)
    /// A requested payout, with seed 001's fee (1 % for instant, half up; free for standard).
    case payoutRequest(venue: PGUUID, amount: Int64, instant: Bool)
    /// A decided payout, with the venue's balances and the day's approved total before: approving moves amount +
    /// fee out of available and nothing else; rejecting moves nothing and keeps the reason (trimmed).
    case payoutDecision(payout: PGUUID, approve: Bool, reason: String?, venue: PGUUID, amount: Int64, fee: Int64,
                        balances: [String: Int64], approvedToday: Int64)
}

/// A dead letter's event as it was before a requeue: aggregate id, aggregate type, event type and payload.
private struct DeadLetter {
    var id: Int64
    var event: String

    /// The four values of an outbox or dead-letter row, one text (`alias` the row's alias).
    static func event(_ alias: String) -> String {
        "format('%s|%s|%s|%s', \(alias).aggregate_id, \(alias).aggregate_type, \(alias).event_type, \(alias).payload::text)"
    }
}

/// The first successful call under an idempotency key.
private struct FirstUse {
    var action: Action
    var result: String
    var caller: String
}

/// One run: a fresh seeded database, one connection per operator, the generator, and all the run has seen.
private final class InvariantRun {
    static let operators: [(name: String, group: String)] = [
        (Operators.support, "support"), (Operators.support2, "support"), (Operators.finance, "finance"),
        (Operators.finance2, "finance"), (Operators.oncall, "oncall"), (Operators.viewer, "viewer"),
    ]
    /// The caller name of the superuser session (create_operator is for superusers only).
    static let superuser = "superuser"
    /// The codes payops-0001-core.sql documents for the actions (the "cannot happen" 23514 backstop and PX060,
    /// a platform without an outbox table, are not expected).
    static let documentedCodes: Set<String> = [
        "PX001", "PX002", "PX003", "PX004", "PX005", "PX010", "PX011", "PX012", "PX013", "PX014", "PX020", "PX021",
        "PX022", "PX023", "PX024", "PX030", "PX031", "PX033", "PX034", "PX035", "PX036", "PX037", "PX041", "PX042",
        "PX043", "PX050", "PX051", "42501",
    ]
    static let errorGroups = [
        "connection refused: rabbitmq:5672",
        #"422 Unprocessable Entity from ticket-service: {"error":"ticket_already_issued"}"#,
        "503 Service Unavailable from notification-service",
        "timeout after 30000ms calling ledger-service",
    ]
    /// Networks in canonical cidr text (the request compares the text); two start as expired blocks.
    static let networks = [
        "54.187.174.169/32", "54.88.130.0/24", "13.235.122.149/32", "203.0.113.0/24", "198.51.100.7/32",
        "192.0.2.0/24", "10.20.0.0/16", "2001:db8::/32",
    ]
    static let future = "2999-01-01 00:00:00+00"
    static let past = "2000-01-01 00:00:00+00"

    let seed: UInt64
    let profile: InvariantProfile
    private var rng: SplitMix64
    private let admin: PGConnection
    /// The superuser's login name: an operator name create_operator must refuse.
    private let adminName: String
    private let connections: [String: PGConnection]
    private let bigVenue: PGUUID
    private var payments: [PGUUID] = []
    private var hotPayments: [PGUUID] = []
    private var venues: [PGUUID] = []
    private var payouts: [PGUUID] = []
    private var webhooks: [PGUUID] = []
    private var stuckOutbox: [Int64] = []
    private var seededOutboxMax: Int64 = 0
    private var outboxMax: Int64 = 0
    private var deadLetterMax: Int64 = 0
    private var firstUses: [String: FirstUse] = [:]
    private var usedKeys: [String] = []
    /// Every base table in public and payops, and the rows written to each.
    private var watched: [String] = []
    private var writes: [String: Writes] = [:]
    private var contents: [Table: String] = [:]
    private var trail: [String] = []
    private var step = 0

    private(set) var failures = 0
    private(set) var platformSteps = 0
    /// Per action: outcome ("ok", "replay", "dry run", …, or the refusal's SQLSTATE) → count.
    private(set) var outcomes: [ActionKind: [String: Int]] = [:]

    init(seed: UInt64, profile: InvariantProfile) throws {
        if let failure = Operators.setupFailure { throw PGError(.connection, message: "operator roles: \(failure)") }
        self.seed = seed
        self.profile = profile
        rng = SplitMix64(seed: seed)
        let conninfo = try TestCluster.shared.freshDatabase(profile.database)
        admin = try PGConnection(conninfo)
        var connections: [String: PGConnection] = [:]
        for (name, _) in Self.operators { connections[name] = try PGConnection(conninfo.replacingUser(name)) }
        connections[Self.superuser] = admin
        self.connections = connections
        adminName = try admin.query("SELECT current_user::text")[0].decode(0, as: String.self)
        // The superuser session plays the payment service: it writes the platform's zone-less times in its zone.
        if let zone = profile.timeZone { try admin.query("SELECT set_config('TimeZone', $1, false)", [zone]) }

        // One venue rich enough to reach the daily payout limit; two expired blocks to be replaced.
        bigVenue = try profile.addVenue(admin, 900, "Big Arena", 30_000_000, 1_500_000)
        try admin.execute("""
            INSERT INTO payops.ip_blocklist (network, reason, created_by, expires_at) VALUES
                ('198.51.100.7/32', 'expired block', 'earlier', now() - interval '1 day'),
                ('192.0.2.0/24', 'expired block', 'earlier', now() - interval '1 hour');
            CREATE TEMP TABLE initial_available AS
                SELECT venue_id, amount FROM payops_read.balances WHERE balance_type = 'available';
            CREATE TEMP TABLE known_anomalies (id uuid PRIMARY KEY);
            """)
        if let anomalies = profile.knownAnomalies {
            try admin.execute("INSERT INTO pg_temp.known_anomalies \(anomalies)")
        }
        let anomalies = try admin.query("SELECT count(*) FROM pg_temp.known_anomalies")[0].decode(0, as: Int.self)
        try admin.execute(Self.countWrites)
        try admin.execute(Self.observeFunction)
        watched = try admin.query("SELECT tbl FROM public.invariant_test_writes ORDER BY tbl").map { try $0.decode(0) }
        payments = try admin.query("SELECT id FROM payops_read.payments ORDER BY id").map { try $0.decode(0) }
        hotPayments = try admin.query("""
            SELECT id FROM payops_read.payments WHERE status IN ('completed', 'partially_refunded') ORDER BY id LIMIT 30
            """).map { try $0.decode(0) }
        venues = try admin.query("SELECT id FROM payops_read.venues ORDER BY id").map { try $0.decode(0) }
        payouts = try admin.query("SELECT id FROM payops_read.payouts ORDER BY id").map { try $0.decode(0) }
        webhooks = try admin.query("SELECT id FROM payops_read.webhooks ORDER BY id").map { try $0.decode(0) }
        stuckOutbox = try admin.query("SELECT id FROM payops_read.outbox WHERE processed_at IS NULL ORDER BY id")
            .map { try $0.decode(0) }
        let observed = try observe(key: nil)
        seededOutboxMax = observed.outboxMax
        try settle(observed)
        check(anomalies == profile.knownAnomalyCount,
              "\(profile.name): \(anomalies) deliberate anomalies in the data, expected \(profile.knownAnomalyCount)")
        check(observed.invariants.isEmpty, "the seeded data breaks an invariant: \(observed.invariants)")
    }

    /// The tables this platform has, and the name of one in its database.
    private var tables: [Table] { Table.allCases.filter { profile.tables[$0] != nil } }
    private func name(_ table: Table) -> String { profile.tables[table]! }

    // MARK: the loop

    func run(actions: Int) throws {
        var done = 0
        while done < actions && failures == 0 {
            step += 1
            if rng.chance(0.04) {
                try platformStep()
            } else {
                try actionStep()
                done += 1
            }
        }
    }

    var summary: String {
        let lines = ActionKind.allCases.map { kind in
            let seen = outcomes[kind, default: [:]]
            return "  \(kind.rawValue): " + seen.keys.sorted().map { "\($0) \(seen[$0]!)" }.joined(separator: ", ")
        }
        return (lines + ["  platform steps: \(platformSteps)"]).joined(separator: "\n")
    }

    private func actionStep() throws {
        // The key: a new one; an earlier success's key with its own request again, or with another; or none.
        let keyMode = usedKeys.isEmpty ? "new" : rng.weighted([(82, "new"), (8, "replay"), (7, "reuse"), (3, "none")])
        var key: String? = "ri-\(seed)-\(step)"
        var first: FirstUse?
        if keyMode == "replay" || keyMode == "reuse" {
            key = rng.pick(usedKeys)
            first = firstUses[key!]
        } else if keyMode == "none" {
            key = rng.pick([nil, "", "   "])
        }
        var kind = rng.weighted([
            (22, ActionKind.refund), (12, .requestPayout), (12, .approvePayout), (6, .rejectPayout),
            (8, .retryWebhook), (6, .requeueDeadLetter), (8, .requeueDeadLetters), (7, .requeueDeadLetterSet),
            (8, .resetOutbox), (9, .blockIP), (9, .unblockIP), (3, .createOperator),
        ])
        if let first, keyMode == "replay" || rng.chance(0.5) { kind = first.action.kind }
        if !kind.keyed { key = nil }
        let caller: String
        if kind == .createOperator {
            caller = rng.chance(0.85) ? Self.superuser : rng.pick(Self.operators).name
        } else {
            caller = rng.chance(0.9)
                ? rng.pick(Self.operators.filter { $0.group == kind.group }).name
                : rng.pick(Self.operators.filter { $0.group != kind.group }).name
        }
        let plan = keyMode == "replay" ? Plan(action: first!.action) : try makePlan(kind, caller: caller)
        let action = plan.action

        // What must happen, in the order the functions check: EXECUTE, dry_run, the key, then the rules.
        enum Expected { case success, replay(FirstUse), dryRun, refusal(Set<String>) }
        let expected: Expected
        if (Self.operators.first(where: { $0.name == caller })?.group ?? Self.superuser) != kind.group {
            expected = .refusal(["42501"])
        } else if !kind.keyed {
            expected = plan.violations.isEmpty ? .success : .refusal(plan.violations)
        } else if case .requeueDeadLetters(_, nil) = action {
            expected = .refusal(["PX005"])
        } else if action.isDryRun {
            expected = plan.violations.isEmpty ? .dryRun : .refusal(plan.violations)
        } else if key.blankIsNil == nil {
            expected = .refusal(["PX004"])
        } else if let earlier = firstUses[key!] {
            expected = earlier.action.request == action.request ? .replay(earlier) : .refusal(["PX001"])
        } else {
            expected = plan.violations.isEmpty ? .success : .refusal(plan.violations)
        }

        let before = writes
        let contentBefore = contents
        let outboxBefore = outboxMax
        let outcome: Result<String, PGError>
        do {
            let rows = try connections[caller]!.query("SELECT \(kind.function)::text",
                                                      action.arguments + (kind.keyed ? [key] : []))
            outcome = .success(try rows[0].decode(0, as: String.self))
        } catch {
            outcome = .failure(error)
        }
        let observed = try observe(key: key)
        try settle(observed)
        let written = watched.filter { before[$0] != writes[$0] }

        let what = "\(caller) \(action.description) key \(key.map { "'\($0)'" } ?? "NULL")"
        trail.append("\(step): \(what) → \(outcome)")
        if trail.count > 8 { trail.removeFirst() }
        check(observed.invariants.isEmpty, "after \(what): broken: \(observed.invariants)")

        let label: String
        switch (expected, outcome) {
        case let (.refusal(codes), .failure(error)):
            label = error.sqlState
            check(Self.documentedCodes.contains(error.sqlState), "undocumented error from \(what): \(error)")
            check(codes.contains(error.sqlState), "\(what): expected one of \(codes.sorted()), got \(error)")
            check(written.isEmpty, "refused \(what) (\(error.sqlState)) but wrote \(written)")
            check(observed.auditRows == (key.flatMap { firstUses[$0] } == nil ? 0 : 1),
                  "refused \(what): \(observed.auditRows) audit rows under its key")
        case let (.refusal(codes), .success(result)):
            label = "unexpected success"
            check(false, "\(what): expected a refusal with one of \(codes.sorted()), but it returned \(result)")
        case let (_, .failure(error)):
            label = "unexpected \(error.sqlState)"
            check(false, "\(what): expected \(expected), but it was refused: \(error)")
        case let (.replay(earlier), .success(result)):
            label = "replay"
            check(result == earlier.result, "replay of \(what): returned \(result), first result \(earlier.result)")
            check(written.isEmpty, "replay of \(what) wrote \(written)")
            check(observed.auditRows == 1 && observed.auditOperator == earlier.caller,
                  "replay of \(what): \(observed.auditRows) audit rows, operator \(observed.auditOperator ?? "-")")
        case let (.dryRun, .success(result)):
            label = "dry run"
            check(written.isEmpty, "dry run \(what) wrote \(written)")
            check(Self.field("count", of: result) == plan.dryRunCount.map(String.init),
                  "dry run \(what) returned \(result), expected count \(plan.dryRunCount ?? -1)")
        case let (.success, .success(result)):
            label = "ok"
            check(!kind.keyed || observed.auditRows == 1 && observed.auditOperator == caller
                    && observed.auditAction == kind.audited && observed.auditResult == result,
                  "\(what) returned \(result) but its audit rows: \(observed.auditRows), \(observed.auditOperator ?? "-") "
                    + "\(observed.auditAction ?? "-") \(observed.auditResult ?? "-")")
            let allowed = Set(plan.writes.map(name))
            check(written.allSatisfy(allowed.contains), "\(what) wrote \(written); it may write only \(allowed.sorted())")
            for table in tables {
                let delta = writes[name(table)]!.rows - before[name(table)]!.rows
                let wanted = table == .audit ? (kind.keyed ? 1 : 0) : plan.deltas[table, default: 0]
                check(delta == wanted, "\(what): \(name(table)) rows changed by \(delta), expected \(wanted)")
            }
            let unchanged = plan.changes.filter { contents[$0] == contentBefore[$0] }
            check(unchanged.isEmpty, "\(what) succeeded but left \(unchanged.map(name)) as they were")
            if let written = plan.written {
                try checkWritten(written, result: result, caller: caller, key: key, outboxBefore: outboxBefore, what: what)
            }
            if let key {
                firstUses[key] = FirstUse(action: action, result: result, caller: caller)
                usedKeys.append(key)
            }
            if kind == .requestPayout, let id = Self.field("payout_id", of: result).flatMap(PGUUID.init) {
                payouts.append(id)
            }
        }
        outcomes[kind, default: [:]][label, default: 0] += 1
    }

    // MARK: what a success wrote

    /// Compares what a successful call returned and wrote with the model's `written`, reading the rows back
    /// through the read model (and payops' own audit log).
    private func checkWritten(_ written: Written, result: String, caller: String, key: String?, outboxBefore: Int64,
                              what: String) throws {
        func field(_ name: String) -> String? { Self.field(name, of: result) }
        switch written {
        case let .refund(payment, amount, reason, note, remainder, status, currency):
            check(field("amount") == String(amount) && field("status") == "pending" && field("payment_id") == payment.string
                    && field("currency") == currency
                    && field("refundable_before") == String(remainder) && field("refundable_after") == String(remainder - amount),
                  "\(what) returned \(result); the model: \(amount) pending of \(payment.string), remainder \(remainder) → \(remainder - amount)")
            let id = try #require(field("refund_id").flatMap(PGUUID.init), "\(what) returned no refund id: \(result)")
            let rows = try admin.query(
                "SELECT transaction_id, amount, reason, status FROM payops_read.refunds WHERE id = $1", [id])
            check(rows.count == 1, "\(what): \(rows.count) refund rows with the id it returned")
            if rows.count == 1 {
                let row = (try rows[0].decode(0, as: PGUUID.self), try rows[0].decode(1, as: Int64.self),
                           try rows[0].decode(2, as: String?.self), try rows[0].decode(3, as: String.self))
                check(row.0 == payment && row.1 == amount && row.2 == reason && row.3 == "pending",
                      "\(what) wrote the refund \(row); the model: \(payment.string) \(amount) \(reason) pending")
            }
            let after = try admin.query("SELECT status FROM payops_read.payments WHERE id = $1", [payment])[0]
                .decode(0, as: String.self)
            check(after == status, "\(what) moved the payment from \(status) to \(after): that is the payment service's job")
            // The operator log says why: the reason code, and the note after a colon.
            let why = try admin.query("SELECT reason FROM payops.operator_actions WHERE idempotency_key = $1", [key])[0]
                .decode(0, as: String?.self)
            check(why == reason + (note.map { ": " + $0 } ?? ""), "\(what) logged the reason \(why ?? "NULL")")
            // The outbox event the payment service executes the refund from.
            let events = try admin.query("""
                SELECT aggregate_id, aggregate_type, event_type, payload::text, attempts = 0 AND processed_at IS NULL
                FROM payops_read.outbox WHERE id > $1 ORDER BY id
                """, [outboxBefore])
            let payload = ["refund_id": id.string, "payment_id": payment.string, "amount": String(amount),
                           "currency": currency, "reason": reason, "operator": caller]
            check(events.count == 1, "\(what): \(events.count) new outbox events, the model: one")
            if events.count == 1 {
                let e = events[0]
                let event = (try e.decode(0, as: PGUUID?.self), try e.decode(1, as: String?.self),
                             try e.decode(2, as: String?.self), Self.fields(try e.decode(3, as: String?.self)),
                             try e.decode(4, as: Bool?.self))
                check(event.0 == payment && event.1 == "refund" && event.2 == "refund.requested" && event.3 == payload
                        && event.4 == true,
                      "\(what) wrote the outbox event \(event); the model: refund.requested of refund \(payment.string), "
                        + "payload \(payload), unattempted")
            }
            if profile.refundAdds.contains(.events) {
                let rows = try admin.query("""
                    SELECT event_type, payload::text FROM payops_read.events
                    WHERE payment_id = $1 AND payload->>'refund_id' = $2
                    """, [payment, id.string])
                var wanted = payload
                wanted["payment_id"] = nil
                wanted["note"] = note
                let event = try rows.map { (try $0.decode(0, as: String?.self), Self.fields(try $0.decode(1, as: String?.self))) }
                check(event.count == 1 && event[0].0 == "refund.requested" && event[0].1 == wanted,
                      "\(what) wrote the payment events \(event); the model: one refund.requested with \(wanted)")
            }

        case let .requeue(letters):
            let object = Self.object(result)
            let single = letters.count == 1 && object["outbox_id"] != nil
            func integers(_ name: String) -> [Int64] {
                let value = object[name]
                return ((value as? [Any]) ?? (value.map { [$0] } ?? [])).compactMap { Int64("\($0)") }
            }
            let outbox = integers(single ? "outbox_id" : "outbox_ids")
            let listed = integers(single ? "dead_letter_id" : "dead_letter_ids")
            check(listed == letters.map(\.id) && outbox.count == letters.count && outbox.allSatisfy { $0 > outboxBefore }
                    && (single || field("count") == String(letters.count)),
                  "\(what) returned \(result); the model: dead letters \(letters.map(\.id)) each to a new outbox row")
            let rows = try admin.query("""
                SELECT d.id, d.requeued_outbox_id, d.requeued_by, d.requeued_at IS NOT NULL, \(DeadLetter.event("o")),
                       o.attempts = 0 AND o.processed_at IS NULL AND o.last_attempt_at IS NULL
                FROM payops_read.dead_letters d LEFT JOIN payops_read.outbox o ON o.id = d.requeued_outbox_id
                WHERE d.id = ANY ($1::bigint[]) ORDER BY d.id
                """, ["{" + letters.map { String($0.id) }.joined(separator: ",") + "}"])
            check(rows.count == letters.count, "\(what): \(rows.count) of \(letters.count) dead letters found again")
            for (index, letter) in letters.enumerated() where index < rows.count && index < outbox.count {
                let r = rows[index]
                let row = (try r.decode(1, as: Int64?.self), try r.decode(2, as: String?.self), try r.decode(3, as: Bool.self),
                           try r.decode(4, as: String.self), try r.decode(5, as: Bool?.self))
                check(row.0 == outbox[index] && row.1 == caller && row.2 && row.3 == letter.event && row.4 == true,
                      "\(what): dead letter \(letter.id) → \(row); the model: outbox row \(outbox[index]) by \(caller), "
                        + "its event \(letter.event) again, unattempted")
            }

        case let .webhookRetry(webhook):
            let status = try admin.query("SELECT status FROM payops_read.webhooks WHERE id = $1", [webhook])[0]
                .decode(0, as: String.self)
            check(status == "pending", "\(what) left the webhook \(status); the model: pending again")

        case let .outboxReset(id, event):
            let rows = try admin.query("""
                SELECT \(DeadLetter.event("o")), o.attempts = 0 AND o.last_attempt_at IS NULL AND o.processed_at IS NULL
                FROM payops_read.outbox o WHERE o.id = $1
                """, [id])
            let row = (try rows[0].decode(0, as: String.self), try rows[0].decode(1, as: Bool?.self))
            check(row.0 == event && row.1 == true, "\(what) left the outbox row \(row); the model: \(event), due again")

        case let .block(network, reason, expires):
            let rows = try admin.query("""
                SELECT reason, created_by, expires_at IS NOT DISTINCT FROM $2::timestamptz
                FROM payops.ip_blocklist WHERE network = $1::cidr
                """, [network, expires])
            let row = try rows.map { (try $0.decode(0, as: String?.self), try $0.decode(1, as: String?.self),
                                      try $0.decode(2, as: Bool.self)) }
            check(row.count == 1 && row[0].0 == reason && row[0].1 == caller && row[0].2,
                  "\(what) left the blocks \(row); the model: \(network) for \(reason) by \(caller) until \(expires ?? "never")")

        case let .unblock(network):
            let left = try admin.query("SELECT count(*) FROM payops.ip_blocklist WHERE network = $1::cidr", [network])[0]
                .decode(0, as: Int64.self)
            check(left == 0, "\(what) left \(left) blocks of \(network)")

        case let .createOperator(name, group, created):
            check(field("operator") == name && field("group") == group && (Self.object(result)["created"] as? Bool) == created,
                  "\(what) returned \(result); the model: \(name) in \(group), created \(created)")
            let member = try admin.query("SELECT pg_has_role($1, $2, 'MEMBER')", [name, group])[0].decode(0, as: Bool.self)
            check(member, "\(what): \(name) is not a member of \(group)")

        case let .payoutRequest(venue, amount, instant):
            let fee = Self.fee(amount, instant: instant)
            check(field("amount") == String(amount) && field("fee") == String(fee) && field("status") == "requested",
                  "\(what) returned \(result); the model: \(amount) with fee \(fee), requested")
            let id = try #require(field("payout_id").flatMap(PGUUID.init), "\(what) returned no payout id: \(result)")
            let rows = try admin.query("""
                SELECT venue_id, amount, fee, instant, status, requested_by, decided_by IS NULL AND decided_at IS NULL
                FROM payops_read.payouts WHERE id = $1
                """, [id])
            check(rows.count == 1, "\(what): \(rows.count) payout rows with the id it returned")
            if rows.count == 1 {
                let r = rows[0]
                check(try r.decode(0, as: PGUUID.self) == venue && r.decode(1, as: Int64.self) == amount
                        && r.decode(2, as: Int64.self) == fee && r.decode(3, as: Bool.self) == instant
                        && r.decode(4, as: String.self) == "requested" && r.decode(5, as: String.self) == caller
                        && r.decode(6, as: Bool.self),
                      "\(what) wrote a payout that is not \(amount) + fee \(fee), requested by \(caller), undecided")
            }

        case let .payoutDecision(payout, approve, reason, venue, amount, fee, balances, approvedToday):
            let status = approve ? "approved" : "rejected"
            let rows = try admin.query(
                "SELECT status, decided_by, decided_at IS NOT NULL, decision_reason FROM payops_read.payouts WHERE id = $1",
                [payout])
            let row = (try rows[0].decode(0, as: String.self), try rows[0].decode(1, as: String?.self),
                       try rows[0].decode(2, as: Bool.self), try rows[0].decode(3, as: String?.self))
            check(row.0 == status && row.1 == caller && row.2 && row.3 == (approve ? nil : reason),
                  "\(what) left the payout \(row); the model: \(status) by \(caller), reason \(approve ? "none" : reason ?? "-")")
            // Approving moves amount + fee out of available, nothing else; rejecting moves nothing.
            var expected = balances
            if approve { expected["available", default: 0] -= amount + fee }
            let after = try self.balances(venue)
            check(after == expected, "\(what): balances \(balances) became \(after); the model: \(expected)")
            if approve {
                check(field("available_after") == String(expected["available", default: 0])
                        && field("approved_today") == String(approvedToday + amount) && field("fee") == String(fee),
                      "\(what) returned \(result); the model: available after \(expected["available", default: 0]), "
                        + "approved today \(approvedToday + amount)")
                let unstamped = try admin.query(
                    "SELECT count(*) FROM payops_read.balances WHERE venue_id = $1 AND last_payout_at IS NULL", [venue])[0]
                    .decode(0, as: Int64.self)
                check(unstamped == 0, "\(what) left \(unstamped) of the venue's balances without last_payout_at")
            }
        }
    }

    // MARK: the model

    /// Seed 001: "Instant payout: 1% fee"; standard ones are free. Its money rule rounds a percentage of cents
    /// with Math.round (half up): 1 % of `amount` cents is amount / 100, so the fee is ⌊(amount + 50) / 100⌋.
    private static func fee(_ amount: Int64, instant: Bool) -> Int64 {
        guard instant else { return 0 }
        let (quotient, remainder) = (amount + 50).quotientAndRemainder(dividingBy: 100)
        return remainder < 0 ? quotient - 1 : quotient
    }

    /// A venue's balances by type ("available", "pending", "reserved"), read through the read model.
    private func balances(_ venue: PGUUID) throws -> [String: Int64] {
        var balance: [String: Int64] = [:]
        let rows = try admin.query("SELECT balance_type, amount FROM payops_read.balances WHERE venue_id = $1", [venue])
        for index in 0..<rows.count {
            balance[try rows[index].decode(0, as: String.self), default: 0] += try rows[index].decode(1, as: Int64.self)
        }
        return balance
    }

    /// Seed 001's payable balance: available − reserved ("available": 50000, "reserved": 5000, "payable": 45000).
    private func payable(_ venue: PGUUID) throws -> Int64 {
        let balance = try balances(venue)
        return balance["available", default: 0] - balance["reserved", default: 0]
    }

    /// What counts against seed 001's daily limit ($50k): the venue's payouts approved (and those since paid) on
    /// today's UTC calendar date (DESIGN.md: "in one UTC day"). The rows are read plainly and the day worked out
    /// here, in whole days since the epoch, so the model does not share the functions' SQL.
    private func approvedToday(_ venue: PGUUID) throws -> Int64 {
        let microsecondsPerDay: Int64 = 86_400_000_000
        func day(_ at: Timestamp) -> Int64 {
            let (quotient, remainder) = at.microseconds.quotientAndRemainder(dividingBy: microsecondsPerDay)
            return remainder < 0 ? quotient - 1 : quotient
        }
        let today = day(try admin.query("SELECT now()")[0].decode(0, as: Timestamp.self))
        var total: Int64 = 0
        let rows = try admin.query("SELECT status, amount, decided_at FROM payops_read.payouts WHERE venue_id = $1", [venue])
        for index in 0..<rows.count {
            let row = rows[index]
            guard ["approved", "paid"].contains(try row.decode(0, as: String.self)),
                  let decided = try row.decode(2, as: Timestamp?.self), day(decided) == today else { continue }
            total += try row.decode(1, as: Int64.self)
        }
        return total
    }

    /// A known id, now and then an unknown one or NULL.
    private func pick(_ known: [PGUUID], unknown kind: Int) -> PGUUID? {
        rng.weighted([(3, nil), (5, Fixtures.uuid(kind, Int(rng.int(1...999)))), (92, rng.pick(known))])
    }

    private func reason(_ valid: [String]) -> String? {
        rng.weighted([(85, rng.pick(valid)), (4, "   "), (3, "\t\n "), (4, ""), (4, nil)])
    }

    /// Draws an action of `kind` with targets and amounts around the rules' edges, reads the rows it
    /// touches, and works out what it must do.
    private func makePlan(_ kind: ActionKind, caller: String) throws -> Plan {
        switch kind {
        case .refund:
            let payment = rng.chance(0.4) ? rng.pick(hotPayments) : pick(payments, unknown: 2)
            var plan = Plan(action: .refund(payment: payment, amount: nil, reason: nil, note: nil))
            var remainder: Int64?
            var status: String?
            var currency = ""
            if let payment {
                let rows = try admin.query("""
                    SELECT status, amount - (SELECT coalesce(sum(amount), 0) FROM payops_read.refunds
                                             WHERE transaction_id = $1 AND status <> 'failed'), currency
                    FROM payops_read.payments WHERE id = $1
                    """, [payment])
                if rows.count == 0 {
                    plan.violations.insert("PX002")
                } else {
                    status = try rows[0].decode(0, as: String.self)
                    if !["completed", "partially_refunded"].contains(status!) {
                        plan.violations.insert("PX010")
                    }
                    remainder = try rows[0].decode(1, as: Int64.self)
                    currency = try rows[0].decode(2, as: String.self)
                }
            } else {
                plan.violations.insert("PX005")
            }
            let left = remainder ?? 10_000
            let amount: Int64? = rng.weighted([
                (10, 1), (20, left), (14, left + 1), (25, rng.int(1...max(1, left))), (8, max(1, left / 2)),
                (5, 0), (5, -rng.int(1...500)), (3, nil), (2, Int64.max),
            ])
            if amount == nil || amount! <= 0 {
                plan.violations.insert("PX011")
            } else if let remainder, amount! > remainder {
                plan.violations.insert("PX012")
            }
            let reason: String? = rng.weighted([
                (60, rng.pick(["duplicate", "fraudulent", "requested_by_customer"])), (20, "other"),
                (6, "chargeback"), (4, "Duplicate"), (3, nil), (2, ""),
            ])
            let note: String? = rng.weighted([(50, nil), (35, "goodwill gesture"), (10, "  "), (5, " late delivery ")])
            if reason == nil || !["duplicate", "fraudulent", "requested_by_customer", "other"].contains(reason!) {
                plan.violations.insert("PX013")
            } else if reason == "other" && note.blankIsNil == nil {
                plan.violations.insert("PX014")
            }
            plan.action = .refund(payment: payment, amount: amount, reason: reason, note: note)
            if let payment, let amount, let reason, let remainder, let status {
                plan.written = .refund(payment: payment, amount: amount, reason: reason, note: note.blankIsNil,
                                       remainder: remainder, status: status, currency: currency)
            }
            plan.deltas = Dictionary(uniqueKeysWithValues: profile.refundAdds.map { ($0, 1) })
            plan.changes = profile.refundAdds
            return plan

        case .requestPayout:
            let venue = rng.chance(0.3) ? bigVenue : pick(venues, unknown: 7)
            let instant: Bool? = rng.weighted([(35, true), (62, false), (3, nil)])
            var plan = Plan(action: .requestPayout(venue: venue, amount: nil, instant: instant))
            var payable: Int64?
            var approvedToday: Int64 = 0
            if let venue {
                if try admin.query("SELECT 1 FROM payops_read.venues WHERE id = $1", [venue]).count == 0 {
                    plan.violations.insert("PX002")
                } else {
                    payable = try self.payable(venue)
                    approvedToday = try self.approvedToday(venue)
                }
            }
            // The largest amount whose amount + fee fits the payable balance.
            var fits = payable ?? 100_000
            while fits > 0 && fits + Self.fee(fits, instant: instant ?? false) > (payable ?? 100_000) { fits -= 1 }
            let limitLeft = 5_000_000 - approvedToday
            let amount: Int64? = rng.weighted([
                (8, 9_999), (10, 10_000), (14, fits), (12, fits + 1),
                (20, rng.int(10_000...max(10_000, min(fits, 4_000_000)))), (8, limitLeft), (6, limitLeft + 1),
                (8, rng.int(1_000_000...2_600_000)), (4, 0), (3, -10_000), (4, nil), (3, 1_000_000_000_000_000),
            ])
            if venue == nil || amount == nil || instant == nil {
                plan.violations.insert("PX005")
            } else if let payable {
                if amount! < 10_000 { plan.violations.insert("PX020") }
                if amount! + Self.fee(amount!, instant: instant!) > payable { plan.violations.insert("PX021") }
            }
            plan.action = .requestPayout(venue: venue, amount: amount, instant: instant)
            if let venue, let amount, let instant { plan.written = .payoutRequest(venue: venue, amount: amount, instant: instant) }
            plan.deltas = [.payouts: 1]
            plan.changes = [.payouts]
            return plan

        case .approvePayout, .rejectPayout:
            let open: [PGUUID] = try admin.query(
                "SELECT id FROM payops_read.payouts WHERE status = 'requested' ORDER BY requested_at, id").map { try $0.decode(0) }
            let payout = !open.isEmpty && rng.chance(0.65) ? rng.pick(open) : pick(payouts, unknown: 9)
            let reason = kind == .rejectPayout ? self.reason(["bank details unverified", "duplicate request"]) : nil
            var plan = Plan(action: kind == .approvePayout ? .approvePayout(payout) : .rejectPayout(payout, reason: reason))
            if payout == nil { plan.violations.insert("PX005") }
            if kind == .rejectPayout && reason.blankIsNil == nil { plan.violations.insert("PX003") }
            if let payout {
                let rows = try admin.query(
                    "SELECT status, requested_by, venue_id, amount, fee FROM payops_read.payouts WHERE id = $1", [payout])
                if rows.count == 0 {
                    plan.violations.insert("PX002")
                } else {
                    if try rows[0].decode(0, as: String.self) != "requested" { plan.violations.insert("PX022") }
                    if try rows[0].decode(1, as: String.self) == caller { plan.violations.insert("PX023") }
                    let venue = try rows[0].decode(2, as: PGUUID.self)
                    let amount = try rows[0].decode(3, as: Int64.self)
                    let fee = try rows[0].decode(4, as: Int64.self)
                    let today = try approvedToday(venue)
                    let balances = try self.balances(venue)
                    if kind == .approvePayout {
                        // Seed 001: amount ≤ the daily limit ($50k) counting what the day already approved; amount
                        // and its fee ≤ payable (available − reserved).
                        if today + amount > 5_000_000 { plan.violations.insert("PX024") }
                        if amount + fee > balances["available", default: 0] - balances["reserved", default: 0] {
                            plan.violations.insert("PX021")
                        }
                    }
                    plan.written = .payoutDecision(payout: payout, approve: kind == .approvePayout, reason: reason.blankIsNil,
                                                   venue: venue, amount: amount, fee: fee, balances: balances,
                                                   approvedToday: today)
                }
            }
            plan.changes = kind == .approvePayout ? [.payouts, .balances] : [.payouts]
            return plan

        case .retryWebhook:
            let failed: [PGUUID] = try admin.query("SELECT id FROM payops_read.webhooks WHERE status = 'failed' ORDER BY id")
                .map { try $0.decode(0) }
            let webhook = !failed.isEmpty && rng.chance(0.5) ? rng.pick(failed) : pick(webhooks, unknown: 5)
            var plan = Plan(action: .retryWebhook(webhook))
            if let webhook {
                let rows = try admin.query("SELECT status FROM payops_read.webhooks WHERE id = $1", [webhook])
                if rows.count == 0 {
                    plan.violations.insert("PX002")
                } else if try rows[0].decode(0, as: String.self) != "failed" {
                    plan.violations.insert("PX030")
                }
                plan.written = .webhookRetry(webhook)
            } else {
                plan.violations.insert("PX005")
            }
            plan.changes = [.webhooks]
            return plan

        case .requeueDeadLetter:
            let waiting: [Int64] = try admin.query("SELECT id FROM payops_read.dead_letters WHERE requeued_at IS NULL ORDER BY id")
                .map { try $0.decode(0) }
            let id: Int64? = rng.weighted([
                (45, waiting.isEmpty ? 1 : rng.pick(waiting)), (35, rng.int(1...max(1, deadLetterMax))),
                (10, deadLetterMax + rng.int(1...100)), (5, -1), (5, nil),
            ])
            var plan = Plan(action: .requeueDeadLetter(id))
            if let id {
                let rows = try admin.query("SELECT requeued_at IS NOT NULL FROM payops_read.dead_letters WHERE id = $1", [id])
                if rows.count == 0 {
                    plan.violations.insert("PX002")
                } else if try rows[0].decode(0, as: Bool.self) {
                    plan.violations.insert("PX031")
                }
                plan.written = .requeue(try deadLetters([id]))
            } else {
                plan.violations.insert("PX005")
            }
            requeues(1, in: &plan)
            return plan

        case .requeueDeadLetters:
            let group: String? = rng.weighted([
                (75, rng.pick(Self.errorGroups)), (10, "no such error"), (6, ""), (4, "  "), (5, nil),
            ])
            let dryRun: Bool? = rng.weighted([(45, true), (52, false), (3, nil)])
            var plan = Plan(action: .requeueDeadLetters(group: group, dryRun: dryRun))
            if group.blankIsNil == nil {
                plan.violations.insert("PX005")
                requeues(0, in: &plan)
            } else {
                let waiting = try waitingDeadLetters(group!)
                plan.dryRunCount = Int64(waiting.count)
                if waiting.isEmpty && dryRun == false { plan.violations.insert("PX033") }
                requeues(Int64(waiting.count), in: &plan)
                if dryRun == false && !waiting.isEmpty { plan.written = .requeue(try deadLetters(waiting)) }
            }
            return plan

        case .requeueDeadLetterSet:
            // The console's bulk requeue: the ids its dry run showed, now and then gone stale (one requeued
            // meanwhile, one that left the group, one that never existed) or malformed.
            let group: String? = rng.weighted([
                (80, rng.pick(Self.errorGroups)), (6, "no such error"), (5, ""), (3, "  "), (6, nil),
            ])
            let shown = group.blankIsNil == nil ? [] : try waitingDeadLetters(group!)
            var ids: [Int64]? = shown
            switch rng.int(0...99) {
            case 0..<52: break
            case 52..<60:
                let requeued: [Int64] = try admin.query(
                    "SELECT id FROM payops_read.dead_letters WHERE requeued_at IS NOT NULL ORDER BY id").map { try $0.decode(0) }
                if !requeued.isEmpty { ids!.append(rng.pick(requeued)) }
            case 60..<68:
                let elsewhere: [Int64] = try admin.query("""
                    SELECT id FROM payops_read.dead_letters WHERE requeued_at IS NULL AND last_error IS DISTINCT FROM $1
                    ORDER BY id
                    """, [group]).map { try $0.decode(0) }
                if !elsewhere.isEmpty { ids!.insert(rng.pick(elsewhere), at: 0) }
            case 68..<74: ids!.append(deadLetterMax + rng.int(1...100))
            case 74..<82: if let first = shown.first { ids! += [first, first] }
            case 82..<88: ids = Array(shown.prefix(max(1, shown.count / 2)))
            case 88..<94: ids = []
            default: ids = nil
            }
            var plan = Plan(action: .requeueDeadLetterSet(group: group, ids: ids))
            let distinct = Set(ids ?? []).sorted()
            if group.blankIsNil == nil || distinct.isEmpty {
                plan.violations.insert("PX005")
            } else {
                let rows = try admin.query("""
                    SELECT id, requeued_at IS NOT NULL, last_error IS DISTINCT FROM $2
                    FROM payops_read.dead_letters WHERE id = ANY ($1::bigint[])
                    """, ["{" + distinct.map(String.init).joined(separator: ",") + "}", group])
                if rows.count < distinct.count { plan.violations.insert("PX002") }
                for index in 0..<rows.count {
                    if try rows[index].decode(1, as: Bool.self) { plan.violations.insert("PX031") }
                    if try rows[index].decode(2, as: Bool.self) { plan.violations.insert("PX036") }
                }
                if plan.violations.isEmpty { plan.written = .requeue(try deadLetters(distinct)) }
            }
            requeues(Int64(distinct.count), in: &plan)
            return plan

        case .resetOutbox:
            let unprocessed: [Int64] = try admin.query("SELECT id FROM payops_read.outbox WHERE processed_at IS NULL ORDER BY id")
                .map { try $0.decode(0) }
            let id: Int64? = rng.weighted([
                (25, rng.pick(stuckOutbox)), (15, rng.pick(unprocessed)), (30, rng.int(1...seededOutboxMax)),
                (15, outboxMax > seededOutboxMax ? rng.int((seededOutboxMax + 1)...outboxMax) : seededOutboxMax),
                (5, outboxMax + rng.int(1...100)), (5, nil), (5, 0),
            ])
            var plan = Plan(action: .resetOutbox(id))
            if let id {
                let rows = try admin.query("""
                    SELECT processed_at IS NOT NULL, created_at > now() - interval '10 minutes',
                           attempts = 0 AND last_attempt_at IS NULL
                    FROM payops_read.outbox WHERE id = $1
                    """, [id])
                if rows.count == 0 {
                    plan.violations.insert("PX002")
                } else {
                    if try rows[0].decode(0, as: Bool.self) { plan.violations.insert("PX034") }
                    if try rows[0].decode(1, as: Bool.self) { plan.violations.insert("PX035") }
                    // A row never attempted (0 attempts, no last attempt) has nothing to reset (migration 8).
                    if try rows[0].decode(2, as: Bool.self) { plan.violations.insert("PX037") }
                    let event = try admin.query("SELECT \(DeadLetter.event("o")) FROM payops_read.outbox o WHERE o.id = $1", [id])
                    plan.written = .outboxReset(id: id, event: try event[0].decode(0, as: String.self))
                }
            } else {
                plan.violations.insert("PX005")
            }
            plan.deltas = [.outbox: 0]
            plan.changes = [.outbox]
            return plan

        case .blockIP, .unblockIP:
            let network: String? = rng.chance(0.03) ? nil : rng.pick(Self.networks)
            let reason = self.reason(["card testing", "false positive", "chargeback ring"])
            let expires: String? = rng.weighted([(55, nil), (35, Self.future), (10, Self.past)])
            var plan = Plan(action: kind == .blockIP ? .blockIP(network: network, reason: reason, expires: expires)
                                                     : .unblockIP(network: network, reason: reason))
            if network == nil { plan.violations.insert("PX005") }
            if reason.blankIsNil == nil { plan.violations.insert("PX003") }
            if kind == .blockIP && expires == Self.past { plan.violations.insert("PX041") }
            var listed = false
            if let network {
                let rows = try admin.query("""
                    SELECT expires_at IS NULL OR expires_at > now() FROM payops.ip_blocklist WHERE network = $1::cidr
                    """, [network])
                listed = rows.count == 1
                if kind == .blockIP, listed, try rows[0].decode(0, as: Bool.self) { plan.violations.insert("PX043") }
                if kind == .unblockIP && !listed { plan.violations.insert("PX042") }
                plan.written = kind == .unblockIP ? .unblock(network: network)
                    : .block(network: network, reason: reason.blankIsNil ?? "", expires: expires)
            }
            plan.deltas = [.blocklist: kind == .unblockIP ? -1 : listed ? 0 : 1]
            plan.changes = [.blocklist]
            return plan

        case .createOperator:
            // DESIGN.md's groups, named with or without payops_, any case, spaces around; logins that are not
            // payops' to make (a superuser, pg_ and payops_ names, blanks, spaces around).
            let name: String? = rng.weighted([
                (80, "oa_ri_\(profile.name)_\(rng.int(1...3))"), (3, nil), (3, ""), (3, " oa_ri_spaced"),
                (3, "pg_ri"), (3, "Payops_ri"), (5, adminName),
            ])
            let group: String? = rng.weighted([
                (70, rng.pick(["support", "finance", "oncall", "viewer"])), (8, "payops_oncall"), (8, " Finance "),
                (6, "admin"), (4, ""), (4, nil),
            ])
            var plan = Plan(action: .createOperator(name: name, group: group))
            var canonical = (group ?? "").trimmingCharacters(in: [" "]).lowercased()
            if canonical.hasPrefix("payops_") { canonical.removeFirst("payops_".count) }
            if !["viewer", "support", "finance", "oncall"].contains(canonical) { plan.violations.insert("PX050") }
            if let name, !name.trimmingCharacters(in: [" "]).isEmpty, name == name.trimmingCharacters(in: [" "]),
               !name.lowercased().hasPrefix("pg_"), !name.lowercased().hasPrefix("payops_"), name != adminName {
                let exists = try admin.query("SELECT count(*) FROM pg_roles WHERE rolname = $1", [name])[0]
                    .decode(0, as: Int64.self) == 1
                plan.written = .createOperator(name: name, group: "payops_" + canonical, created: !exists)
            } else {
                plan.violations.insert("PX051")
            }
            return plan
        }
    }

    /// The dead letters waiting in `group`, as the dry run lists them.
    private func waitingDeadLetters(_ group: String) throws -> [Int64] {
        try admin.query("SELECT id FROM payops_read.dead_letters WHERE requeued_at IS NULL AND last_error = $1 ORDER BY id",
                        [group]).map { try $0.decode(0) }
    }

    /// The events of dead letters `ids` (those that exist, in id order) as they are now.
    private func deadLetters(_ ids: [Int64]) throws -> [DeadLetter] {
        try admin.query("""
            SELECT d.id, \(DeadLetter.event("d")) FROM payops_read.dead_letters d WHERE d.id = ANY ($1::bigint[]) ORDER BY d.id
            """, ["{" + ids.map(String.init).joined(separator: ",") + "}"]).map {
            DeadLetter(id: try $0.decode(0), event: try $0.decode(1))
        }
    }

    /// Requeueing `count` dead letters adds as many outbox rows and stamps each the platform's way.
    private func requeues(_ count: Int64, in plan: inout Plan) {
        plan.deltas = [.outbox: count]
        if profile.requeueStampAddsRow { plan.deltas[profile.requeueStamp] = count }
        plan.changes = [.outbox, profile.requeueStamp]
    }

    // MARK: the platform (the payment service and the outbox worker, as the superuser)

    private func platformStep() throws {
        platformSteps += 1
        switch rng.int(0...2) {
        case 0:
            // The payment service settles a pending refund: failed, or completed (moving the payment's status).
            let pending: [PGUUID] = try admin.query(
                "SELECT id FROM payops_read.refunds WHERE status = 'pending' ORDER BY created_at, id").map { try $0.decode(0) }
            guard !pending.isEmpty else { return }
            try admin.query(profile.settleRefund, [rng.pick(pending), rng.chance(0.35) ? "failed" : "completed"])
        case 1:
            // A webhook fails again.
            let pending: [PGUUID] = try admin.query(
                "SELECT id FROM payops_read.webhooks WHERE status IN ('pending', 'processing') ORDER BY id")
                .map { try $0.decode(0) }
            guard !pending.isEmpty else { return }
            try admin.query("""
                UPDATE webhook_inbox SET status = 'failed', attempts = attempts + 1, error_message = 'HTTP 500 from handler',
                    updated_at = now() WHERE id = $1
                """, [rng.pick(pending)])
        default:
            // The outbox worker gives up on an event: a new dead letter in one of the error groups.
            try admin.query("""
                INSERT INTO outbox_dlq (original_id, aggregate_id, aggregate_type, event_type, payload, attempts, last_error)
                SELECT id, aggregate_id, aggregate_type, event_type, payload, 5, $2 FROM outbox WHERE id = $1
                """, [rng.int(1...seededOutboxMax), rng.pick(Self.errorGroups)])
        }
        let observed = try observe(key: nil)
        try settle(observed)
        trail.append("\(step): platform step")
        check(observed.invariants.isEmpty, "a platform step (a test bug) broke: \(observed.invariants)")
    }

    // MARK: observing the database

    /// A trigger on every base table in public and payops counts the rows each transaction writes, in that
    /// transaction: exact, and cheap to read after every step (a scan of every table would not be).
    static let countWrites = """
        CREATE TABLE public.invariant_test_writes (tbl text PRIMARY KEY, inserted bigint NOT NULL DEFAULT 0,
            updated bigint NOT NULL DEFAULT 0, deleted bigint NOT NULL DEFAULT 0);
        CREATE FUNCTION public.invariant_test_count() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
            SET search_path = pg_catalog AS $fn$
        BEGIN
            UPDATE public.invariant_test_writes SET inserted = inserted + (TG_OP = 'INSERT')::int,
                updated = updated + (TG_OP = 'UPDATE')::int, deleted = deleted + (TG_OP IN ('DELETE', 'TRUNCATE'))::int
            WHERE tbl = TG_TABLE_SCHEMA || '.' || TG_TABLE_NAME;
            RETURN NULL;
        END
        $fn$;
        DO $do$
        DECLARE t record;
        BEGIN
            FOR t IN SELECT table_schema, table_name FROM information_schema.tables
                     WHERE table_schema IN ('public', 'payops') AND table_type = 'BASE TABLE'
                       AND table_name <> 'invariant_test_writes' LOOP
                INSERT INTO public.invariant_test_writes (tbl) VALUES (t.table_schema || '.' || t.table_name);
                EXECUTE format('CREATE TRIGGER invariant_test_rows AFTER INSERT OR UPDATE OR DELETE ON %I.%I '
                               'FOR EACH ROW EXECUTE FUNCTION public.invariant_test_count()', t.table_schema, t.table_name);
                EXECUTE format('CREATE TRIGGER invariant_test_truncate AFTER TRUNCATE ON %I.%I '
                               'FOR EACH STATEMENT EXECUTE FUNCTION public.invariant_test_count()', t.table_schema, t.table_name);
            END LOOP;
        END
        $do$;
        """

    /// Read through the read model, so one statement serves every profile. Rows a fixture breaks an invariant with
    /// on purpose (pg_temp.known_anomalies: tickettoken's demo has a negative balance and an over-refunded payment)
    /// are left out; every action on them is still predicted (a refund of the over-refunded payment must be PX012,
    /// a payout of the negative venue PX021) and the venue's available balance still counts for conservation.
    static let invariants: [(name: String, sql: String)] = [
        ("payments whose refunds not failed exceed their amount", """
            SELECT count(*) FROM (SELECT transaction_id, sum(amount) AS refunded FROM payops_read.refunds
                                  WHERE status <> 'failed' GROUP BY transaction_id) r
            JOIN payops_read.payments t ON t.id = r.transaction_id
            WHERE r.refunded > t.amount AND t.id NOT IN (SELECT id FROM pg_temp.known_anomalies)
            """),
        ("negative balances", """
            SELECT count(*) FROM payops_read.balances
            WHERE amount < 0 AND venue_id NOT IN (SELECT id FROM pg_temp.known_anomalies)
            """),
        ("venues whose available is below reserved (negative payable)", """
            SELECT count(*) FROM payops_read.balances a
            JOIN payops_read.balances r ON r.venue_id = a.venue_id AND r.balance_type = 'reserved'
            WHERE a.balance_type = 'available' AND a.amount < r.amount
              AND a.venue_id NOT IN (SELECT id FROM pg_temp.known_anomalies)
            """),
        ("venues whose available + this run's approvals (amount + fee) is not their starting available", """
            SELECT count(*) FROM payops_read.balances b JOIN pg_temp.initial_available i USING (venue_id)
            LEFT JOIN (SELECT venue_id, sum(amount + fee) AS debited FROM payops_read.payouts
                       WHERE status = 'approved' AND decided_by LIKE 'oa\\_%' GROUP BY venue_id) p USING (venue_id)
            WHERE b.balance_type = 'available' AND b.amount + coalesce(p.debited, 0) <> i.amount
            """),
        ("venues over 5,000,000 approved today", """
            SELECT count(*) FROM (SELECT venue_id FROM payops_read.payouts WHERE status IN ('approved', 'paid')
                                  AND (decided_at AT TIME ZONE 'UTC')::date = (now() AT TIME ZONE 'UTC')::date
                                  GROUP BY venue_id HAVING sum(amount) > 5000000) x
            """),
        ("payouts decided by their requester", "SELECT count(*) FROM payops_read.payouts WHERE decided_by = requested_by"),
        ("payouts requested but decided, or decided without a decider", """
            SELECT count(*) FROM payops_read.payouts
            WHERE (status = 'requested') <> (decided_by IS NULL AND decided_at IS NULL)
            """),
        ("requeued dead letters without their outbox row", """
            SELECT count(*) FROM payops_read.dead_letters d WHERE requeued_at IS NOT NULL
                AND NOT EXISTS (SELECT 1 FROM payops_read.outbox o WHERE o.id = d.requeued_outbox_id)
            """),
        ("audit rows not by an operator login", "SELECT count(*) FROM payops.operator_actions WHERE operator NOT LIKE 'oa\\_%'"),
    ]

    /// `pg_temp.observe(key)` on the superuser connection: the write counts, the invariants and the audit rows
    /// under `key`, one value a row. A PL/pgSQL function keeps its plans, so a step does not re-plan them.
    static let observeFunction: String = {
        let values = InvariantRun.invariants.map { "(\($0.sql))::text" } + [
            "(SELECT count(*) FROM payops.operator_actions WHERE idempotency_key = p_key)::text",
            "(SELECT min(operator) FROM payops.operator_actions WHERE idempotency_key = p_key)",
            "(SELECT min(action) FROM payops.operator_actions WHERE idempotency_key = p_key)",
            "(SELECT min(result::text) FROM payops.operator_actions WHERE idempotency_key = p_key)",
            "(SELECT coalesce(max(id), 0) FROM payops_read.outbox)::text",
            "(SELECT coalesce(max(id), 0) FROM payops_read.dead_letters)::text",
        ]
        return """
            CREATE FUNCTION pg_temp.observe(p_key text) RETURNS SETOF text LANGUAGE plpgsql AS $fn$
            BEGIN
                RETURN QUERY SELECT concat_ws(' ', tbl, inserted, updated, deleted) FROM public.invariant_test_writes
                    ORDER BY tbl;
            \(values.map { "    RETURN NEXT \($0);" }.joined(separator: "\n"))
            END
            $fn$
            """
    }()

    struct Observation {
        var writes: [String: Writes]
        /// Broken invariants: name → offending rows.
        var invariants: [String: Int64]
        var auditRows: Int64
        var auditOperator: String?
        var auditAction: String?
        var auditResult: String?
        var outboxMax: Int64
        var deadLetterMax: Int64
    }

    private func observe(key: String?) throws -> Observation {
        let all: [String?] = try admin.query("SELECT * FROM pg_temp.observe($1)", [key]).map { try $0.decode(0) }
        var writes: [String: Writes] = [:]
        for line in all.prefix(watched.count) {
            let parts = line!.split(separator: " ")
            writes[String(parts[0])] = Writes(inserted: Int64(parts[1])!, updated: Int64(parts[2])!, deleted: Int64(parts[3])!)
        }
        let values = Array(all.dropFirst(watched.count))
        var invariants: [String: Int64] = [:]
        for (index, invariant) in Self.invariants.enumerated() where values[index] != "0" {
            invariants[invariant.name] = Int64(values[index]!)
        }
        let rest = values.dropFirst(Self.invariants.count).map { $0 }
        return Observation(writes: writes, invariants: invariants, auditRows: Int64(rest[0]!)!, auditOperator: rest[1],
                           auditAction: rest[2], auditResult: rest[3], outboxMax: Int64(rest[4]!)!,
                           deadLetterMax: Int64(rest[5]!)!)
    }

    /// Takes the observation as the state the next step starts from, hashing the content of every written table.
    private func settle(_ observed: Observation) throws {
        let changed = tables.filter { $0.hashed && (contents[$0] == nil || writes[name($0)] != observed.writes[name($0)]) }
        if !changed.isEmpty {
            let row = try admin.query("SELECT " + changed.map {
                "(SELECT count(*) || ' ' || coalesce(sum(hash_record_extended(t, 0)), 0) FROM \(name($0)) t)"
            }.joined(separator: ", "))[0]
            for (index, table) in changed.enumerated() { contents[table] = try row.decode(index, as: String.self) }
        }
        for table in tables where !table.hashed { contents[table] = String(observed.writes[name(table)]!.rows) }
        writes = observed.writes
        outboxMax = observed.outboxMax
        deadLetterMax = observed.deadLetterMax
    }

    /// Records a failure with the seed, the step and the last steps; the run stops after this step.
    private func check(_ condition: Bool, _ message: @autoclosure () -> String,
                       sourceLocation: SourceLocation = #_sourceLocation) {
        guard !condition else { return }
        failures += 1
        Issue.record(Comment(rawValue: "seed \(seed), step \(step): \(message())\nlast steps:\n"
                                + trail.joined(separator: "\n")), sourceLocation: sourceLocation)
    }

    private static func field(_ name: String, of json: String) -> String? {
        object(json)[name].map { "\($0)" }
    }

    private static func object(_ json: String?) -> [String: Any] {
        (json.flatMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) } as? [String: Any]) ?? [:]
    }

    /// A JSON object's fields as text (numbers as digits), to compare with the model's.
    private static func fields(_ json: String?) -> [String: String] {
        object(json).mapValues { "\($0)" }
    }
}
