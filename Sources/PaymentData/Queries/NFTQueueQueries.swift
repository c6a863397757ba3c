/// One NFT mint job as the Queues drill-down shows it.
public struct NFTJobRow: Sendable, Equatable {
    public var id: PGUUID
    public var paymentID: PGUUID
    public var blockchain: String
    public var status: String
    public var priority: String
    public var attempts: Int
    public var errorMessage: String?
    public var createdAt: Timestamp
}

extension QueueQueries {
    /// NFT mint jobs not yet minted (queued, processing, failed), or of one status; oldest first, on the
    /// (status, created_at) index.
    public static func nftJobs(status: String? = nil, limit: Int = 100) -> Query<[NFTJobRow]> {
        let sql = """
            SELECT n.id, n.payment_id, n.blockchain, n.status, n.priority, n.attempts, n.error_message, n.created_at
            FROM payops_read.mint_jobs n
            WHERE n.status = ANY (CASE WHEN $1::text IS NULL THEN ARRAY['queued', 'processing', 'failed'] ELSE ARRAY[$1::text] END)
            ORDER BY n.created_at, n.id LIMIT $2
            """
        return Query("queues.nft", sql, [status, limit]) { result in
            try result.map { row throws(PGError) in
                NFTJobRow(id: try row.decode(0), paymentID: try row.decode(1), blockchain: try row.decode(2),
                          status: try row.decode(3), priority: try row.decode(4), attempts: try row.decode(5),
                          errorMessage: try row.decode(6), createdAt: try row.decode(7))
            }
        }
    }
}
