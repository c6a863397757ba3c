/// The depth of every queue the platform runs, read in one statement (so one snapshot).
public struct QueueDepth: Sendable, Equatable {
    /// One group within a queue: an event type, a status, or an error group.
    public struct Group: Sendable, Equatable {
        public var queue: Queue
        public var key: String
        public var count: Int
        public var oldest: Timestamp?
    }

    /// The queues payops watches.
    public enum Queue: String, Sendable, CaseIterable {
        /// Unprocessed outbox rows, by event type.
        case outbox
        /// Unprocessed outbox rows older than the stuck threshold, by event type.
        case outboxStuck = "outbox_stuck"
        /// webhook_inbox rows that are not processed, by status.
        case webhooks
        /// Failed webhooks, by error (read with `QueueQueries.depthWithWebhookGroups`).
        case webhooksFailed = "webhooks_failed"
        /// Pending webhooks, by event type (idem).
        case webhooksPending = "webhooks_pending"
        /// Webhooks being processed, by event type (idem).
        case webhooksProcessing = "webhooks_processing"
        /// Dead letters not yet requeued, by error group (last_error).
        case deadLetters = "dlq"
        /// NFT mint jobs not yet minted, by status.
        case nftMints = "nft"
    }

    public var groups: [Group]
    /// When the depth was read (server time).
    public var readAt: Timestamp

    /// Rows waiting in `queue` (summed over its groups).
    public func total(_ queue: Queue) -> Int { groups.filter { $0.queue == queue }.reduce(0) { $0 + $1.count } }
    /// The oldest waiting row of `queue`.
    public func oldest(_ queue: Queue) -> Timestamp? { groups.filter { $0.queue == queue }.compactMap(\.oldest).min() }
    /// Groups of one queue, largest first.
    public func groups(_ queue: Queue) -> [Group] { groups.filter { $0.queue == queue } }
}
