/// Whole payloads for the describe view (`d`), one queue row by its id, read when the view opens: never on a
/// refresh, never for a list.
public enum PayloadQueries {
    /// An outbox row's payload.
    public static func outbox(_ id: Int64) -> Query<JSONText?> {
        payload("outbox.payload", "SELECT o.payload FROM payops_read.outbox o WHERE o.id = $1", id)
    }

    /// A dead letter's payload.
    public static func deadLetter(_ id: Int64) -> Query<JSONText?> {
        payload("dead letters.payload", "SELECT d.payload FROM payops_read.dead_letters d WHERE d.id = $1", id)
    }

    /// A webhook's payload, as the provider sent it.
    public static func webhook(_ id: PGUUID) -> Query<JSONText?> {
        payload("webhook rows.payload", "SELECT w.payload FROM payops_read.webhooks w WHERE w.id = $1", id)
    }

    static func payload(_ name: String, _ sql: String, _ id: any PGParam) -> Query<JSONText?> {
        Query(name, sql, [id]) { result in
            try result.map { row throws(PGError) in try row.decode(0, as: JSONText?.self) }.first ?? nil
        }
    }
}
