/// How many rows a long list holds, as the planner estimates it: `EXPLAIN (FORMAT JSON)` of the list's own
/// FROM and WHERE, read from the top plan's "Plan Rows". Planning only, never a scan, so the console can show
/// "41 / ~2,992" under live refresh at any table size. Exact counts are for lists loaded whole.
public enum RowEstimates {
    /// Payments matching `filter` (the Transactions list).
    public static func transactions(filter: TransactionFilter) -> Query<Int> {
        let conditions = filter.conditions()
        return explain("transactions.estimate", "SELECT 1 FROM payops_read.payments t \(conditions.whereClause)",
                       conditions.parameters)
    }

    /// Payment events matching `filter` (the Audit trail, an IP drill-down's events).
    public static func events(filter: EventFilter) -> Query<Int> {
        var conditions = SQLConditions()
        if let eventType = filter.eventType { conditions.add("e.event_type = ?", eventType) }
        if let paymentID = filter.paymentID { conditions.add("e.payment_id = ?", paymentID) }
        if let network = filter.network { conditions.add("e.ip_address <<= ?::inet", network) }
        if let seconds = filter.withinSeconds { conditions.add("e.created_at > now() - make_interval(secs => ?)", seconds) }
        return explain("events.estimate", "SELECT 1 FROM payops_read.events e \(conditions.whereClause)", conditions.parameters)
    }

    /// Operator actions, all or one operator's.
    public static func operatorActions(operatorName: String?) -> Query<Int> {
        var conditions = SQLConditions()
        if let operatorName { conditions.add("a.operator = ?", operatorName) }
        return explain("operator actions.estimate", "SELECT 1 FROM payops.operator_actions a \(conditions.whereClause)",
                       conditions.parameters)
    }

    /// Venues whose name contains `nameContains` (all without one).
    public static func venues(nameContains: String?) -> Query<Int> {
        var conditions = SQLConditions()
        if let nameContains, !nameContains.isEmpty {
            conditions.add("v.name ILIKE '%' || replace(replace(replace(?, '\\', '\\\\'), '%', '\\%'), '_', '\\_') || '%'", nameContains)
        }
        return explain("venues.estimate", "SELECT 1 FROM payops_read.venues v \(conditions.whereClause)", conditions.parameters)
    }

    static func explain(_ name: String, _ sql: String, _ parameters: [any PGParam]) -> Query<Int> {
        Query(name, "EXPLAIN (FORMAT JSON) " + sql, parameters) { result in
            let plan = try result.map { row throws(PGError) in try row.decode(0, as: String.self) }.joined()
            return planRows(plan) ?? 0
        }
    }

    /// The first "Plan Rows" of an EXPLAIN (FORMAT JSON) text: the top node's estimate.
    public static func planRows(_ plan: String) -> Int? {
        guard let range = plan.firstRange(of: "\"Plan Rows\":") else { return nil }
        let digits = plan[range.upperBound...].drop { $0 == " " }.prefix { $0.isASCII && $0.isNumber }
        return Int(digits)
    }
}

extension Query {
    /// This query and `other` sent as one job (one result each, in order); for a page and its row estimate.
    public func along<Other>(with other: Query<Other>) -> Query<(Value, Other)> {
        let count = statements.count
        let first = self, second = other
        return Query<(Value, Other)>(name: name, statements: statements + other.statements, snapshot: snapshot || other.snapshot) {
            results in (try first.decode(Array(results.prefix(count))), try second.decode(Array(results.dropFirst(count))))
        }
    }
}
