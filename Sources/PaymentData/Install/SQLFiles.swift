/// The SQL files compiled into PaymentData (see `sqlFiles` in Package.swift), as text.
enum SQLFiles {
    static func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    static let payopsCore = text(PackageResources.payops_0001_core_sql)
    static let payopsRollups = text(PackageResources.payops_0002_rollups_sql)
    static let payopsRefundRollups = text(PackageResources.payops_0003_refund_rollups_sql)
    static let payopsOpenRefundCursor = text(PackageResources.payops_0004_open_refund_cursor_sql)
    static let payopsAddressHours = text(PackageResources.payops_0005_address_hours_sql)
    static let roles = text(PackageResources.payops_roles_sql)
    /// The read model's conversion functions; `{{tz}}` is replaced by the profile's zone.
    static let readModelHelpers = text(PackageResources.readmodel_helpers_sql)
    /// The read model's relations a profile leaves out, made empty with the contract's types.
    static let readModelDefaults = text(PackageResources.readmodel_defaults_sql)
    static let readModelChangeLine = text(PackageResources.readmodel_change_line_sql)

    /// payops' functions, one definition per file, in the order they are applied (helpers first).
    static let functions: [Definition] = [
        ("is_blank", PackageResources.fn_is_blank_sql), ("trimmed", PackageResources.fn_trimmed_sql),
        ("utc_text", PackageResources.fn_utc_text_sql), ("money_text", PackageResources.fn_money_text_sql), ("idempotent_replay", PackageResources.fn_idempotent_replay_sql),
        ("audit", PackageResources.fn_audit_sql), ("lock_decidable_payout", PackageResources.fn_lock_decidable_payout_sql),
        ("lock_dead_letters", PackageResources.fn_lock_dead_letters_sql), ("refund", PackageResources.fn_refund_sql),
        ("request_payout", PackageResources.fn_request_payout_sql), ("approve_payout", PackageResources.fn_approve_payout_sql),
        ("reject_payout", PackageResources.fn_reject_payout_sql), ("retry_webhook", PackageResources.fn_retry_webhook_sql),
        ("requeue_dead_letter", PackageResources.fn_requeue_dead_letter_sql),
        ("requeue_dead_letters", PackageResources.fn_requeue_dead_letters_sql),
        ("requeue_dead_letter_set", PackageResources.fn_requeue_dead_letter_set_sql),
        ("retry_webhook_set", PackageResources.fn_retry_webhook_set_sql),
        ("requeue_dead_letter_ids", PackageResources.fn_requeue_dead_letter_ids_sql),
        ("reset_outbox", PackageResources.fn_reset_outbox_sql), ("block_ip", PackageResources.fn_block_ip_sql),
        ("unblock_ip", PackageResources.fn_unblock_ip_sql), ("create_operator", PackageResources.fn_create_operator_sql),
        ("rollup_minute", PackageResources.fn_rollup_minute_sql), ("rollup_changes_to", PackageResources.fn_rollup_changes_to_sql),
        ("rollup_hour", PackageResources.fn_rollup_hour_sql), ("rollup_ip_replace", PackageResources.fn_rollup_ip_replace_sql),
        ("rollup_step", PackageResources.fn_rollup_step_sql),
        ("rollup_rebuild", PackageResources.fn_rollup_rebuild_sql),
    ].map { Definition(name: "function " + $0.0, sql: text($0.1)) }
}

/// A repeatable definition: SQL that is applied again whenever its text (its checksum) changes.
public struct Definition: Sendable, Equatable {
    public let name: String
    public let sql: String
}
