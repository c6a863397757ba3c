/// Filters the Transactions pane applies (all optional; combined with AND).
public struct TransactionFilter: Sendable, Equatable {
    public var statuses: [PaymentStatus] = []
    public var venueID: PGUUID?
    /// Inclusive lower and exclusive upper bound on created_at.
    public var from: Timestamp?
    public var until: Timestamp?
    /// Inclusive amount bounds in minor units.
    public var minAmount: Int64?
    public var maxAmount: Int64?

    /// No filter.
    public init(statuses: [PaymentStatus] = [], venueID: PGUUID? = nil, from: Timestamp? = nil, until: Timestamp? = nil,
                minAmount: Int64? = nil, maxAmount: Int64? = nil) {
        self.statuses = statuses
        self.venueID = venueID
        self.from = from
        self.until = until
        self.minAmount = minAmount
        self.maxAmount = maxAmount
    }

    func conditions() -> SQLConditions {
        var conditions = SQLConditions()
        if statuses.count == 1 {
            conditions.add("t.status = ?", statuses[0])
        } else if statuses.count > 1 {
            conditions.add("t.status = ANY(?::text[])", "{" + statuses.map(\.rawValue).joined(separator: ",") + "}")
        }
        if let venueID { conditions.add("t.venue_id = ?", venueID) }
        if let from { conditions.add("t.created_at >= ?", from) }
        if let until { conditions.add("t.created_at < ?", until) }
        if let minAmount { conditions.add("t.amount >= ?", minAmount) }
        if let maxAmount { conditions.add("t.amount <= ?", maxAmount) }
        return conditions
    }
}

/// Reads for the Transactions pane.
public enum TransactionQueries {
    /// One page of payments, newest first, by keyset on (created_at, id).
    public static func page(
        _ request: PageRequest<TransactionCursor>, filter: TransactionFilter = .init(), limit: Int = 50
    ) -> Query<Page<TransactionRow>> {
        // Several statuses: one index walk per status (each in time order, each stopping at the page's size) merged,
        // instead of every row of those statuses sorted (`status = ANY (…)` cannot be read in time order).
        var common = filter
        if filter.statuses.count > 1 { common.statuses = [] }
        var conditions = common.conditions()
        switch request {
        case .first, .last: break
        // The plain bound on created_at repeats the keyset's first column: a month-partitioned payments table is
        // pruned by it (not by the row comparison).
        case let .after(cursor):
            conditions.add("(t.created_at, t.id) < (?, ?) AND t.created_at <= ?", cursor.createdAt, cursor.id, cursor.createdAt)
        case let .before(cursor):
            conditions.add("(t.created_at, t.id) > (?, ?) AND t.created_at >= ?", cursor.createdAt, cursor.id, cursor.createdAt)
        }
        let direction = request.fetchesAscending ? "ASC" : "DESC"
        let limitPlaceholder = conditions.bind(limit + 1)
        let source: String
        if filter.statuses.count > 1 {
            let branches = filter.statuses.map { status in
                let placeholder = conditions.bind(status)
                return """
                    (SELECT t.* FROM payops_read.payments t WHERE t.status = \(placeholder) \(conditions.andClause)
                     ORDER BY t.created_at \(direction), t.id \(direction) LIMIT \(limitPlaceholder))
                    """
            }
            source = "(" + branches.joined(separator: " UNION ALL ") + ") t"
        } else {
            source = "payops_read.payments t"
        }
        let sql = """
            SELECT \(TransactionRow.columns)
            FROM \(source) LEFT JOIN payops_read.venues v ON v.id = t.venue_id
            \(filter.statuses.count > 1 ? "" : conditions.whereClause)
            ORDER BY t.created_at \(direction), t.id \(direction)
            LIMIT \(limitPlaceholder)
            """
        return Query("transactions.page", sql, conditions.parameters) { result in
            Page(fetched: try result.map(TransactionRow.init(row:)), limit: limit, request: request)
        }
    }

    /// Every payment matching the filter, newest first, for CSV export (streamed by the caller in pages).
    public static func exportPage(after cursor: TransactionCursor?, filter: TransactionFilter, limit: Int = 5000)
        -> Query<Page<TransactionRow>>
    {
        page(cursor.map { .after($0) } ?? .first, filter: filter, limit: limit)
    }

    /// Finds payments by what an operator pastes: a full uuid (payment id, user id or idempotency key),
    /// a payment provider's intent id (Stripe's `pi_…`, dLocal's `DP-…`) or a key of the platform's idempotency
    /// log (letters, digits, `_`, `-`, `.`, `:`), or a hex prefix of a payment id (4–31 digits).
    public static func search(_ input: String, limit: Int = 50) throws(SearchError) -> Query<[SearchHit]> {
        let text = input.trimmingCharacters(in: " ")
        if text.isEmpty { throw .empty }
        if let uuid = PGUUID(text) {
            let sql = """
                SELECT DISTINCT ON (t.created_at, t.id) \(TransactionRow.columns), m.matched FROM (
                    (SELECT id, 'payment id' AS matched FROM payops_read.payments WHERE id = $1)
                    UNION ALL
                    (SELECT id, 'idempotency key' FROM payops_read.payments WHERE idempotency_key = $1)
                    UNION ALL
                    (SELECT payment_id, 'idempotency key' FROM payops_read.idempotency WHERE key = $1::text)
                    UNION ALL
                    (SELECT id, 'user id' FROM payops_read.payments WHERE user_id = $1
                     ORDER BY created_at DESC, id DESC LIMIT $2)
                ) m
                JOIN payops_read.payments t ON t.id = m.id LEFT JOIN payops_read.venues v ON v.id = t.venue_id
                ORDER BY t.created_at DESC, t.id DESC, m.matched
                LIMIT $2
                """
            return Query("transactions.search.uuid", sql, [uuid, limit], decode: decodeHits)
        }
        if PGUUID.range(forPrefix: text) == nil || text.hasPrefix("pi_") {
            // A payment provider's id (Stripe's pi_…, dLocal's DP-…) or an idempotency key: letters, digits, _ - . :
            // (4 to 255 of them).
            guard (4...255).contains(text.count), text.first?.isASCII == true, text.first?.isLetter == true || text.first?.isNumber == true,
                  text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "_-.:".contains($0)) }) else {
                throw .notAnIdentifier(String(text.prefix(40)))
            }
            let sql = """
                SELECT DISTINCT ON (t.created_at, t.id) \(TransactionRow.columns), m.matched FROM (
                    (SELECT id, 'intent id' AS matched FROM payops_read.payments WHERE stripe_payment_intent_id = $1)
                    UNION ALL
                    (SELECT payment_id, 'idempotency key' FROM payops_read.idempotency WHERE key = $1)
                ) m
                JOIN payops_read.payments t ON t.id = m.id LEFT JOIN payops_read.venues v ON v.id = t.venue_id
                ORDER BY t.created_at DESC, t.id DESC, m.matched
                """
            return Query("transactions.search.intent", sql, [text], decode: decodeHits)
        }
        if let range = PGUUID.range(forPrefix: text) {
            guard text.filter({ $0 != "-" }).count >= 4 else { throw .prefixTooShort }
            let sql = """
                SELECT \(TransactionRow.columns), 'id prefix'
                FROM payops_read.payments t LEFT JOIN payops_read.venues v ON v.id = t.venue_id
                WHERE t.id BETWEEN $1 AND $2
                ORDER BY t.id
                LIMIT $3
                """
            return Query("transactions.search.prefix", sql, [range.lowerBound, range.upperBound, limit], decode: decodeHits)
        }
        throw .notAnIdentifier(String(text.prefix(40)))
    }

    private static func decodeHits(_ result: PGResult) throws -> [SearchHit] {
        try result.map { row throws(PGError) in
            SearchHit(transaction: try TransactionRow(row: row), matchedBy: try row.decode(11))
        }
    }
}

/// A payment found by search, and which of its identifiers matched.
public struct SearchHit: Sendable, Equatable {
    public var transaction: TransactionRow
    public var matchedBy: String
}

/// Why a search could not run.
public enum SearchError: Error, Equatable, CustomStringConvertible {
    case empty
    case prefixTooShort
    case notAnIdentifier(String)

    public var description: String {
        switch self {
        case .empty: "type a payment id, id prefix, provider intent id (pi_…, DP-…), user id or idempotency key"
        case .prefixTooShort: "an id prefix needs at least 4 hex digits"
        case let .notAnIdentifier(text):
            "\(text) is not a payment id, id prefix, provider intent id (pi_…, DP-…), user id or idempotency key"
        }
    }
}
