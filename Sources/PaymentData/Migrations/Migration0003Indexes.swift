extension Migration {
    /// The indexes every pane needs: keyset paging on (created_at, id), filters, searches, queues.
    static let paneIndexes = Migration(version: 3, name: "pane indexes", sql: #"""
    -- Transactions: newest first, keyset on (created_at, id), per filter.
    CREATE INDEX payment_transactions_created ON payment_transactions (created_at, id);
    CREATE INDEX payment_transactions_status_created ON payment_transactions (status, created_at, id);
    CREATE INDEX payment_transactions_venue_created ON payment_transactions (venue_id, created_at, id);
    CREATE INDEX payment_transactions_user_created ON payment_transactions (user_id, created_at, id);
    CREATE INDEX payment_transactions_idempotency ON payment_transactions (idempotency_key);
    CREATE INDEX payment_transactions_device ON payment_transactions (device_fingerprint);

    -- Audit trail and suspicious IPs.
    CREATE INDEX payment_events_payment ON payment_events (payment_id, created_at);
    CREATE INDEX payment_events_created ON payment_events (created_at, id);
    CREATE INDEX payment_events_type_created ON payment_events (event_type, created_at, id);
    CREATE INDEX payment_events_ip_created ON payment_events (ip_address, created_at);
    CREATE INDEX fraud_checks_ip_time ON fraud_checks (ip_address, "timestamp");
    CREATE INDEX fraud_checks_time ON fraud_checks ("timestamp");

    -- A payment's detail and timeline.
    CREATE INDEX payment_refunds_transaction ON payment_refunds (transaction_id, created_at);
    CREATE INDEX payment_refunds_created ON payment_refunds (created_at);
    CREATE INDEX payment_event_sequence_payment ON payment_event_sequence (payment_id, sequence_number);
    CREATE INDEX outbox_aggregate ON outbox (aggregate_id, created_at);
    CREATE INDEX webhook_inbox_payment_intent ON webhook_inbox ((payload #>> '{data,object,id}'));
    CREATE INDEX nft_mint_queue_payment ON nft_mint_queue (payment_id);
    CREATE INDEX fraud_checks_payment ON fraud_checks (payment_id);
    CREATE INDEX operator_actions_target ON payops.operator_actions (target_type, target_id, at);
    CREATE INDEX operator_actions_at ON payops.operator_actions (at, id);

    -- Queues: partial indexes keep "what is waiting" cheap however large the history.
    CREATE INDEX outbox_unprocessed ON outbox (created_at) INCLUDE (event_type) WHERE processed_at IS NULL;
    CREATE INDEX webhook_inbox_status_received ON webhook_inbox (status, received_at);
    CREATE INDEX webhook_inbox_failed ON webhook_inbox (received_at) WHERE status = 'failed';
    CREATE INDEX outbox_dlq_moved ON outbox_dlq (moved_to_dlq_at, id);
    CREATE INDEX outbox_dlq_waiting ON outbox_dlq (event_type, moved_to_dlq_at) WHERE requeued_at IS NULL;
    CREATE INDEX nft_mint_queue_status ON nft_mint_queue (status, created_at);

    -- Venues.
    CREATE INDEX venues_name ON venues (name, id);
    CREATE INDEX venue_payouts_venue ON venue_payouts (venue_id, requested_at);
    CREATE INDEX venue_payouts_open ON venue_payouts (requested_at) WHERE status = 'requested';
    """#)
}
