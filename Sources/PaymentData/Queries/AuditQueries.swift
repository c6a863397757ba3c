/// Filters for the payment-event stream.
public struct EventFilter: Sendable, Equatable {
    public var eventType: String?
    public var paymentID: PGUUID?
    /// An address or a network (`203.0.113.0/24`): events from inside it.
    public var network: InetAddress?
    /// Only events of the last this many seconds (a drill-down that keeps its list's window); nil: all time.
    public var withinSeconds: Int?

    /// No filter.
    public init(eventType: String? = nil, paymentID: PGUUID? = nil, network: InetAddress? = nil, withinSeconds: Int? = nil) {
        self.eventType = eventType
        self.paymentID = paymentID
        self.network = network
        self.withinSeconds = withinSeconds
    }
}

/// Reads for the Audit trail pane.
public enum AuditQueries {
    /// An operator action's amount (column 10) in its currency (column 11), when both are known.
    static func money(_ row: PGRow) throws(PGError) -> Money? {
        let cents: Int64? = try row.decode(10)
        let code: String? = try row.decode(11)
        guard let cents, let code, let currency = Currency(code) else { return nil }
        return Money(minorUnits: cents, currency: currency)
    }

    /// A page of `payment_events`, newest first, keyset on (created_at, id).
    public static func events(
        _ request: PageRequest<EventCursor>, filter: EventFilter = .init(), limit: Int = 50
    ) -> Query<Page<PaymentEventRow>> {
        var conditions = SQLConditions()
        if let eventType = filter.eventType { conditions.add("e.event_type = ?", eventType) }
        if let paymentID = filter.paymentID { conditions.add("e.payment_id = ?", paymentID) }
        if let network = filter.network { conditions.add("e.ip_address <<= ?::inet", network) }
        if let seconds = filter.withinSeconds { conditions.add("e.created_at > now() - make_interval(secs => ?)", seconds) }
        switch request {
        case .first, .last: break
        // The plain bound on created_at repeats the keyset's first column: a month-partitioned events table is
        // pruned by it (not by the row comparison), so a page reads only the months from the cursor on.
        case let .after(cursor):
            conditions.add("(e.created_at, e.id) < (?, ?) AND e.created_at <= ?", cursor.createdAt, cursor.id, cursor.createdAt)
        case let .before(cursor):
            conditions.add("(e.created_at, e.id) > (?, ?) AND e.created_at >= ?", cursor.createdAt, cursor.id, cursor.createdAt)
        }
        let direction = request.fetchesAscending ? "ASC" : "DESC"
        let limitPlaceholder = conditions.bind(limit + 1)
        let sql = """
            SELECT e.id, e.payment_id, e.event_type, e.ip_address, e.user_agent, e.created_at,
                   payops_read.change_line(e.payload)
            FROM payops_read.events e
            \(conditions.whereClause)
            ORDER BY e.created_at \(direction), e.id \(direction)
            LIMIT \(limitPlaceholder)
            """
        return Query("audit.events", sql, conditions.parameters) { result in
            let rows = try result.map { row throws(PGError) in
                PaymentEventRow(id: try row.decode(0), paymentID: try row.decode(1), eventType: try row.decode(2),
                                ipAddress: try row.decode(3), userAgent: try row.decode(4), createdAt: try row.decode(5),
                                change: try row.decode(6))
            }
            return Page(fetched: rows, limit: limit, request: request)
        }
    }

    /// One event's whole payload (for the describe view), or nil when the event is gone or has none.
    public static func eventPayload(_ id: PGUUID) -> Query<JSONText?> {
        Query("audit.event_payload", "SELECT e.payload FROM payops_read.events e WHERE e.id = $1", [id]) { result in
            try result.map { row throws(PGError) in try row.decode(0, as: JSONText?.self) }.first ?? nil
        }
    }

    /// A page of the operator-action log, newest first, keyset on the id (which grows with time).
    public static func operatorActions(
        _ request: PageRequest<Int64>, operatorName: String? = nil, limit: Int = 50
    ) -> Query<Page<OperatorActionRow>> {
        var conditions = SQLConditions()
        if let operatorName { conditions.add("a.operator = ?", operatorName) }
        switch request {
        case .first, .last: break
        case let .after(id): conditions.add("a.id < ?", id)
        case let .before(id): conditions.add("a.id > ?", id)
        }
        let direction = request.fetchesAscending ? "ASC" : "DESC"
        let limitPlaceholder = conditions.bind(limit + 1)
        let sql = """
            SELECT a.id, a.at, a.operator, a.action, a.target_type, a.target_id, a.reason, a.request, a.result,
                   a.idempotency_key, x.amount, x.currency, x.venue, x.payout
            FROM payops.operator_actions a
            -- Money, venue names and the payout an action is about: the payout or payment acted on, looked up by its
            -- primary key (one page at a time); a payout request's target is its venue, its result names the payout.
            LEFT JOIN LATERAL (
                SELECT coalesce(p.amount, CASE WHEN jsonb_typeof(a.result -> 'amount') = 'number'
                                               THEN (a.result ->> 'amount')::bigint END) AS amount,
                       coalesce(p.currency, t.currency, a.result ->> 'currency') AS currency,
                       (SELECT v.name FROM payops_read.venues v WHERE v.id = coalesce(p.venue_id, t.venue_id, k.venue)) AS venue,
                       p.id AS payout
                FROM (SELECT CASE WHEN a.target_type = 'payout' AND a.target_id ~* '^[0-9a-f-]{36}$' THEN a.target_id::uuid
                                  WHEN a.target_type = 'venue' AND a.result ->> 'payout_id' ~* '^[0-9a-f-]{36}$'
                                  THEN (a.result ->> 'payout_id')::uuid END AS payout,
                             CASE WHEN a.target_type = 'payment' AND a.target_id ~* '^[0-9a-f-]{36}$' THEN a.target_id::uuid END AS payment,
                             CASE WHEN a.target_type = 'venue' AND a.target_id ~* '^[0-9a-f-]{36}$' THEN a.target_id::uuid END AS venue) k
                LEFT JOIN payops_read.payouts p ON p.id = k.payout
                LEFT JOIN payops_read.payments t ON t.id = k.payment
            ) x ON true
            \(conditions.whereClause)
            ORDER BY a.id \(direction)
            LIMIT \(limitPlaceholder)
            """
        return Query("audit.operator_actions", sql, conditions.parameters) { result in
            let rows = try result.map { row throws(PGError) in
                OperatorActionRow(id: try row.decode(0), at: try row.decode(1), operatorName: try row.decode(2),
                                  action: try row.decode(3), targetType: try row.decode(4), targetID: try row.decode(5),
                                  reason: try row.decode(6), request: try row.decode(7), result: try row.decode(8),
                                  idempotencyKey: try row.decode(9), amount: try money(row), venueName: try row.decode(12),
                                  payoutID: try row.decode(13))
            }
            return Page(fetched: rows, limit: limit, request: request)
        }
    }
}
