import PaymentData

/// Names and warning thresholds of the platform's queues, shared by the Overview and Queues panes.
public enum QueueHealth {
    /// An outbox whose oldest waiting row is older than this (seconds) is a warning.
    public static let oldOutboxSeconds: Int64 = 600

    /// The name an operator reads.
    public static func name(_ queue: QueueDepth.Queue) -> String {
        switch queue {
        case .outbox: "outbox"
        case .outboxStuck: "outbox stuck > \(QueueQueries.stuckAfterSeconds / 60)m"
        case .webhooks: "webhooks"
        case .webhooksFailed: "webhooks failed"
        case .webhooksPending: "webhooks pending"
        case .webhooksProcessing: "webhooks processing"
        case .deadLetters: "dead letters"
        case .nftMints: "NFT mints"
        }
    }

    /// What the breakdown groups of a queue are.
    public static func groupKind(_ queue: QueueDepth.Queue) -> String {
        switch queue {
        case .outbox, .outboxStuck, .webhooksPending, .webhooksProcessing: "by event type"
        case .webhooks, .nftMints: "by status"
        case .deadLetters, .webhooksFailed: "by error"
        }
    }

    /// Rows of `queue` in group `key` (a status such as `failed`).
    public static func count(_ queue: QueueDepth.Queue, _ key: String, in depth: QueueDepth) -> Int {
        depth.groups(queue).filter { $0.key == key }.reduce(0) { $0 + $1.count }
    }

    /// Seconds the oldest row of `queue` has waited, as of the depth's read time.
    public static func oldestAge(_ queue: QueueDepth.Queue, in depth: QueueDepth) -> Int64? {
        depth.oldest(queue).map { max(0, (depth.readAt.microseconds - $0.microseconds) / 1_000_000) }
    }

    /// The queue's health: stuck outbox rows are danger; an old outbox, failed webhooks or NFT mints,
    /// and any dead letter are warnings.
    public static func meaning(_ queue: QueueDepth.Queue, in depth: QueueDepth) -> Meaning {
        switch queue {
        case .outbox: (oldestAge(.outbox, in: depth) ?? 0) > oldOutboxSeconds ? .warning : .normal
        case .outboxStuck: depth.total(.outboxStuck) > 0 ? .danger : .normal
        case .webhooks: count(.webhooks, "failed", in: depth) > 0 ? .warning : .normal
        case .webhooksFailed: depth.total(.webhooksFailed) > 0 ? .warning : .normal
        case .webhooksPending, .webhooksProcessing: .normal
        case .deadLetters: depth.total(.deadLetters) > 0 ? .warning : .normal
        case .nftMints: count(.nftMints, "failed", in: depth) > 0 ? .warning : .normal
        }
    }

    /// The meaning of one breakdown group: failed statuses fail, error groups warn.
    public static func meaning(of group: QueueDepth.Group) -> Meaning {
        switch group.queue {
        case .deadLetters: .warning
        case .outboxStuck: .danger
        case .webhooks, .nftMints: group.key == "failed" ? .failed : .pending
        case .webhooksFailed: .failed
        case .webhooksPending, .webhooksProcessing: .pending
        case .outbox: .normal
        }
    }

    /// The rows view Enter opens for a queue.
    public static func rowsSource(_ queue: QueueDepth.Queue) -> QueueRowsPane.Source {
        switch queue {
        case .outbox: .outbox
        case .outboxStuck: .outboxFiltered(eventType: nil, stuck: true)
        case .webhooks: .webhooks(status: "failed")
        case .webhooksFailed: .failedWebhooks(.any)
        case .webhooksPending: .webhooks(status: "pending")
        case .webhooksProcessing: .webhooks(status: "processing")
        case .deadLetters: .deadLetters(errorGroup: nil)
        case .nftMints: .nftMints(status: nil)
        }
    }
}
