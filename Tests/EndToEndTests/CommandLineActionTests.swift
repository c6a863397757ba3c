import PaymentData
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// The operator-action subcommands, run as the real binary against fresh seeded databases as login roles
/// made by `payops db create-operator` (helpers in CommandLineWorld.swift).
@Suite("end to end: operator actions as subcommands")
struct CommandLineActionTests {
    @Test("a refund succeeds, prints its summary and key, writes the refund and an audit row with the operator")
    func refund() throws {
        let w = try CLIWorld()
        let payment = try #require(try w.refundablePayments(1).first)
        let human = w.run(CLIOperators.support, "refund", payment.string, "--amount", "12.50", "--reason", "requested_by_customer")
        #expect(human.status == 0, "\(human)")
        #expect(human.stdout.contains("12.50 USD on payment \(payment.short) is pending"), "\(human)")
        #expect(human.stderr.contains("idempotency key payops-"), "a new key is printed so a script can retry: \(human)")

        let key = "cli-refund-\(payment.short)"
        let first = w.run(CLIOperators.support, "refund", payment.string, "--amount", "12.50", "--reason", "duplicate",
                          "--note", "charged twice, see ticket 4411", "--idempotency-key", key, "--json")
        #expect(first.status == 0, "\(first)")
        let refundID = try #require(try w.json(first.stdout, "refund_id"), "\(first)")
        #expect(try w.json(first.stdout, "amount") == "1250")
        #expect(try w.int("SELECT amount FROM payment_refunds WHERE id = $1::uuid AND status = 'pending'", [refundID]) == 1250)
        #expect(try w.text("SELECT operator FROM payops.operator_actions WHERE idempotency_key = $1", [key]) == CLIOperators.support)
        #expect(try w.text("SELECT reason FROM payops.operator_actions WHERE idempotency_key = $1", [key])
                == "duplicate: charged twice, see ticket 4411")

        let again = w.run(CLIOperators.support, "refund", payment.string, "--amount", "12.50", "--reason", "duplicate",
                          "--note", "charged twice, see ticket 4411", "--idempotency-key", key, "--json")
        #expect(again.status == 0, "the same key again is a replay, not an error: \(again)")
        #expect(try w.json(again.stdout, "refund_id") == refundID)
        #expect(again.stderr.contains("used before"), "\(again)")
        #expect(try w.int("SELECT count(*) FROM payment_refunds WHERE transaction_id = $1", [payment]) == 2,
                "one refund without a key, one with it, and no second one for the replay")

        let changed = w.run(CLIOperators.support, "refund", payment.string, "--amount", "13.00", "--reason", "duplicate",
                            "--note", "x", "--idempotency-key", key)
        #expect(changed.status == 2, "\(changed)")
        #expect(changed.stderr.hasPrefix("payops: refused (PX001): "), "\(changed)")
    }

    @Test("an over-refund by one cent, a bad amount and a payment that does not exist are refused (exit 2), writing nothing")
    func refundRefusals() throws {
        let w = try CLIWorld()
        let payment = try #require(try w.refundablePayments(1).first)
        let amount = try w.int("SELECT amount FROM payment_transactions WHERE id = $1", [payment])
        let tooMuch = Money(minorUnits: amount + 1, currency: .usd).decimalString
        let before = try w.writeCounts()

        let over = w.run(CLIOperators.support, "refund", payment.string, "--amount", tooMuch, "--reason", "duplicate")
        #expect(over.status == 2, "\(over)")
        let remainder = Money(minorUnits: amount, currency: .usd).decimalString
        #expect(over.stderr.contains("payops: refused (PX012): refund of \(tooMuch) USD exceeds the refundable remainder \(remainder) USD"),
                "money as money, not cents: \(over)")
        #expect(over.stdout.isEmpty, "\(over)")

        let overJSON = w.run(CLIOperators.support, "refund", payment.string, "--amount", tooMuch, "--reason", "duplicate", "--json")
        #expect(overJSON.status == 2, "\(overJSON)")
        #expect(try w.json(overJSON.stdout, "error") == "PX012", "\(overJSON)")
        #expect(try w.json(overJSON.stdout, "message")?.contains("exceeds the refundable remainder") == true)

        let decimals = w.run(CLIOperators.support, "refund", payment.string, "--amount", "12.345", "--reason", "duplicate", "--json")
        #expect(decimals.status == 2, "\(decimals)")
        #expect(decimals.stderr.hasPrefix("payops: refused (payops-input): amount \"12.345\": at most 2 decimals"), "\(decimals)")
        #expect(try w.json(decimals.stdout, "error") == "payops-input")

        let missing = w.run(CLIOperators.support, "refund", "00000000-0000-0000-0000-000000000001", "--amount", "1", "--reason", "duplicate")
        #expect(missing.status == 2 && missing.stderr.contains("refused (PX002)"), "\(missing)")
        let other = w.run(CLIOperators.support, "refund", payment.string, "--amount", "1", "--reason", "other")
        #expect(other.status == 2 && other.stderr.contains("refused (PX014)"), "\(other)")
        let finance = w.run(CLIOperators.finance, "refund", payment.string, "--amount", "1", "--reason", "duplicate")
        #expect(finance.status == 2 && finance.stderr.contains("refused (42501)"), "finance may not refund: \(finance)")
        #expect(try w.writeCounts() == before, "a refusal writes nothing")
    }

    @Test("payouts: support may not approve; finance A requests, cannot approve their own, finance B approves")
    func payoutFourEyes() throws {
        let w = try CLIWorld()
        let venue: PGUUID = try w.admin.query("""
            SELECT v.id FROM venues v WHERE v.currency = 'USD' AND (SELECT sum(amount) FILTER (WHERE balance_type = 'available')
                - sum(amount) FILTER (WHERE balance_type = 'reserved') FROM venue_balances WHERE venue_id = v.id) > 100000
            ORDER BY v.id LIMIT 1
            """)[0].decode(0)
        let request = w.run(CLIOperators.finance, "payout", "request", venue.string, "--amount", "150.00", "--instant", "--json")
        #expect(request.status == 0, "\(request)")
        let payout = try #require(try w.json(request.stdout, "payout_id"), "\(request)")
        #expect(try w.json(request.stdout, "fee") == "150", "1 % of 150.00")
        let human = w.run(CLIOperators.finance, "payout", "request", venue.string, "--amount", "150.00")
        // stdout is the new payout's id alone (for id=$(payops payout request …)); the sentence goes to stderr.
        let printed = human.stdout.trimmingCharacters(in: "\n")
        #expect(human.status == 0 && PGUUID(printed) != nil, "prints the new payout's id: \(human)")
        #expect(human.stderr.contains(" of 150.00 USD is requested"), "\(human)")
        let approvedByID = w.run(CLIOperators.finance2, "payout", "approve", printed)
        #expect(approvedByID.status == 0 || approvedByID.stderr.contains("PX024") || approvedByID.stderr.contains("PX021"),
                "the printed id is what payout approve takes: \(approvedByID)")

        let before = try w.writeCounts()
        let support = w.run(CLIOperators.support, "payout", "approve", payout)
        #expect(support.status == 2 && support.stderr.contains("payops: refused (42501): permission denied"), "\(support)")
        let own = w.run(CLIOperators.finance, "payout", "approve", payout)
        #expect(own.status == 2 && own.stderr.contains("payops: refused (PX023): four-eyes"), "\(own)")
        let ownReject = w.run(CLIOperators.finance, "payout", "reject", payout, "--reason", "never mind")
        #expect(ownReject.status == 2 && ownReject.stderr.contains("(PX023)"), "\(ownReject)")
        #expect(try w.writeCounts() == before)
        #expect(try w.text("SELECT status FROM venue_payouts WHERE id = $1::uuid", [payout]) == "requested")

        let approve = w.run(CLIOperators.finance2, "payout", "approve", payout)
        #expect(approve.status == 0 && approve.stdout.contains("is approved"), "\(approve)")
        #expect(try w.text("SELECT requested_by || ' ' || decided_by || ' ' || status FROM venue_payouts WHERE id = $1::uuid",
                           [payout]) == "\(CLIOperators.finance) \(CLIOperators.finance2) approved")
        let low = w.run(CLIOperators.finance, "payout", "request", venue.string, "--amount", "99.99")
        #expect(low.status == 2 && low.stderr.contains("(PX020)"), "\(low)")
    }

    @Test("dlq requeue --error-group --dry-run writes nothing; the real run requeues the group; one letter by id")
    func deadLetters() throws {
        let w = try CLIWorld()
        let group = try #require(try w.text("""
            SELECT last_error FROM outbox_dlq WHERE requeued_at IS NULL GROUP BY 1 HAVING count(*) >= 2 ORDER BY count(*) DESC, 1 LIMIT 1
            """))
        let waiting = try w.int("SELECT count(*) FROM outbox_dlq WHERE requeued_at IS NULL AND last_error = $1", [group])
        let before = try w.writeCounts()
        let dry = w.run(CLIOperators.oncall, "dlq", "requeue", "--error-group", group, "--dry-run")
        #expect(dry.status == 0 && dry.stdout.hasPrefix("dry run: would requeue \(waiting) dead letters"), "\(dry)")
        #expect(!dry.stderr.contains("idempotency key"), "a dry run uses no key: \(dry)")
        #expect(try w.writeCounts() == before, "the dry run wrote nothing")

        let real = w.run(CLIOperators.oncall, "dlq", "requeue", "--error-group", group, "--json")
        #expect(real.status == 0, "\(real)")
        #expect(try w.json(real.stdout, "count") == String(waiting))
        #expect(try w.int("SELECT count(*) FROM outbox_dlq WHERE requeued_at IS NULL AND last_error = $1", [group]) == 0)
        #expect(try w.int("SELECT count(*) FROM payops.operator_actions WHERE action = 'dlq.requeue_group' AND operator = $1",
                          [CLIOperators.oncall]) == 1)
        let empty = w.run(CLIOperators.oncall, "dlq", "requeue", "--error-group", group)
        #expect(empty.status == 2 && empty.stderr.contains("(PX033)"), "\(empty)")

        let letter = try w.int("SELECT min(id) FROM outbox_dlq WHERE requeued_at IS NULL")
        let one = w.run(CLIOperators.oncall, "dlq", "requeue", String(letter))
        #expect(one.status == 0 && one.stdout.hasPrefix("dead letter \(letter) requeued as outbox row"), "\(one)")
        let twice = w.run(CLIOperators.oncall, "dlq", "requeue", String(letter), "--dry-run")
        #expect(twice.status == 2 && twice.stderr.contains("(PX031)"), "\(twice)")
        let support = w.run(CLIOperators.support, "dlq", "requeue", "--error-group", group)
        #expect(support.status == 2 && support.stderr.contains("(42501)"), "\(support)")
    }

    @Test("webhook retry and outbox reset of a stuck row")
    func queues() throws {
        let w = try CLIWorld()
        let webhook = try #require(try w.text("SELECT id::text FROM webhook_inbox WHERE status = 'failed' ORDER BY id LIMIT 1"))
        let retry = w.run(CLIOperators.oncall, "webhook", "retry", webhook)
        #expect(retry.status == 0 && retry.stdout.contains("is pending again"), "\(retry)")
        #expect(try w.text("SELECT status FROM webhook_inbox WHERE id = $1::uuid", [webhook]) == "pending")
        let again = w.run(CLIOperators.oncall, "webhook", "retry", webhook)
        #expect(again.status == 2 && again.stderr.contains("(PX030)"), "\(again)")

        let stuck = try w.int("""
            SELECT min(id) FROM outbox WHERE processed_at IS NULL AND attempts > 0 AND created_at < now() - interval '10 minutes'
            """)
        let reset = w.run(CLIOperators.oncall, "outbox", "reset", String(stuck), "--json")
        #expect(reset.status == 0, "\(reset)")
        #expect(try w.json(reset.stdout, "outbox_id") == String(stuck))
        #expect(try w.int("SELECT attempts FROM outbox WHERE id = $1", [stuck]) == 0)
        let processed = try w.int("SELECT min(id) FROM outbox WHERE processed_at IS NOT NULL")
        let done = w.run(CLIOperators.oncall, "outbox", "reset", String(processed))
        #expect(done.status == 2 && done.stderr.contains("(PX034)"), "\(done)")
    }

    @Test("ip block with a duration, a replay with the same key, a double block refused, unblock")
    func ipBlocking() throws {
        let w = try CLIWorld()
        let block = w.run(CLIOperators.support, "ip", "block", "203.0.113.0/24", "--reason", "card testing", "--expires", "24h",
                          "--idempotency-key", "cli-block-1")
        #expect(block.status == 0 && block.stdout.hasPrefix("203.0.113.0/24 blocked until "), "\(block)")
        #expect(try w.int("""
            SELECT count(*) FROM payops.ip_blocklist WHERE network = '203.0.113.0/24' AND created_by = $1
              AND expires_at BETWEEN now() + interval '23 hours' AND now() + interval '25 hours'
            """, [CLIOperators.support]) == 1)
        let replay = w.run(CLIOperators.support, "ip", "block", "203.0.113.0/24", "--reason", "card testing", "--expires", "24h",
                           "--idempotency-key", "cli-block-1")
        #expect(replay.status == 0 && replay.stdout == block.stdout, "a duration resolves to the first call's expiry: \(replay)")
        let twice = w.run(CLIOperators.support, "ip", "block", "203.0.113.0/24", "--reason", "again")
        #expect(twice.status == 2 && twice.stderr.contains("(PX043)"), "\(twice)")
        let hostBits = w.run(CLIOperators.support, "ip", "block", "198.51.100.1/24", "--reason", "x")
        #expect(hostBits.status == 2 && hostBits.stderr.contains("(22P02)"), "PostgreSQL's own code for the value it refused: \(hostBits)")
        let past = w.run(CLIOperators.support, "ip", "block", "198.51.100.7", "--reason", "x", "--expires", "2020-01-01T00:00:00Z")
        #expect(past.status == 2 && past.stderr.contains("(PX041)"), "\(past)")

        let unblock = w.run(CLIOperators.support, "ip", "unblock", "203.0.113.0/24", "--reason", "false positive", "--json")
        #expect(unblock.status == 0, "\(unblock)")
        #expect(try w.json(unblock.stdout, "blocked") == "false", "\(unblock)")
        #expect(try w.int("SELECT count(*) FROM payops.ip_blocklist WHERE network = '203.0.113.0/24'") == 0)
        let gone = w.run(CLIOperators.support, "ip", "unblock", "203.0.113.0/24", "--reason", "again")
        #expect(gone.status == 2 && gone.stderr.contains("(PX042)"), "\(gone)")
    }

    @Test("bulk refunds from CSV: the dry run writes nothing; the real run; the re-run with the same key replays")
    func bulkRefunds() throws {
        let w = try CLIWorld()
        let payments = try w.refundablePayments(2)
        try #require(payments.count == 2)
        let path = "/tmp/payops-cli-\(getpid())-\(payments[0].short).csv"
        defer { unlink(path) }
        writeTextFile(path, """
            payment_id,amount,reason,note
            \(payments[0]),10.00,duplicate
            \(payments[1]), 5.25 ,other,"customer called, twice"\r

            \(payments[0]),2.50,requested_by_customer,

            """)
        let before = try w.writeCounts()
        let dry = w.run(CLIOperators.support, "refund", "--csv", path, "--dry-run")
        #expect(dry.status == 0, "\(dry)")
        #expect(dry.stdout.contains("line 2: would refund 10.00 USD of payment \(payments[0].short)"), "\(dry)")
        #expect(dry.stdout.contains("line 3: would refund 5.25 USD of payment \(payments[1].short)"), "\(dry)")
        #expect(dry.stdout.contains("line 5: would refund 2.50 USD"), "\(dry)")
        #expect(dry.stdout.contains("3 would be refunded (17.75 USD)"), "\(dry)")
        #expect(try w.writeCounts() == before, "the dry run wrote nothing")

        let real = w.run(CLIOperators.support, "refund", "--csv", path, "--idempotency-key", "cli-batch-1")
        #expect(real.status == 0, "\(real)")
        #expect(real.stdout.contains("3 rows: 3 refunded, 0 refused; total 17.75 USD"), "\(real)")
        #expect(try w.int("SELECT count(*) FROM payment_refunds WHERE idempotency_key LIKE 'cli-batch-1:%'") == 3)
        #expect(try w.text("SELECT metadata->>'note' FROM payment_refunds WHERE idempotency_key = 'cli-batch-1:3'")
                == "customer called, twice")

        let rerun = w.run(CLIOperators.support, "refund", "--csv", path, "--idempotency-key", "cli-batch-1", "--json")
        #expect(rerun.status == 0, "\(rerun)")
        #expect(try w.int("SELECT count(*) FROM payment_refunds WHERE idempotency_key LIKE 'cli-batch-1:%'") == 3,
                "the re-run replays instead of refunding twice")
        #expect(try w.int("SELECT count(*) FROM jsonb_array_elements($1::jsonb -> 'rows') r WHERE (r->>'replayed')::boolean",
                          [rerun.stdout]) == 3, "\(rerun)")
        #expect(try w.admin.query("SELECT $1::jsonb -> 'totals' ->> 'USD'", [rerun.stdout])[0].decode(0, as: String.self) == "1775")
    }

    @Test("bulk refunds: a refused row does not stop the others (exit 2); a malformed file is refused whole")
    func bulkRefusals() throws {
        let w = try CLIWorld()
        let payments = try w.refundablePayments(2)
        try #require(payments.count == 2)
        let amount = try w.int("SELECT amount FROM payment_transactions WHERE id = $1", [payments[1]])
        let path = "/tmp/payops-cli-\(getpid())-\(payments[1].short).csv"
        defer { unlink(path) }
        let tooMuch = Money(minorUnits: amount + 1, currency: .usd).decimalString
        writeTextFile(path, "\(payments[0]),1.00,duplicate\n\(payments[1]),\(tooMuch),duplicate\n\(payments[1]),1.00,fraudulent\n")
        let dry = w.run(CLIOperators.support, "refund", "--csv", path, "--dry-run")
        #expect(dry.status == 2 && dry.stderr.contains("would be refused (PX012): line 2:"), "\(dry)")
        let real = w.run(CLIOperators.support, "refund", "--csv", path)
        #expect(real.status == 2, "\(real)")
        #expect(real.stderr.contains("payops: refused (PX012): line 2: "), "\(real)")
        #expect(real.stdout.contains("3 rows: 2 refunded, 1 refused"), "\(real)")
        #expect(try w.int("SELECT count(*) FROM payment_refunds WHERE transaction_id = ANY($1::uuid[])",
                          ["{\(payments[0]),\(payments[1])}"]) == 2)

        let before = try w.writeCounts()
        for (file, message) in [("\(payments[0]),1.00,duplicate\n\(payments[1]),12.345,duplicate\n", "line 2: amount \"12.345\""),
                                ("\(payments[0]),1.00\n", "line 1: expected 3 or 4 columns"),
                                ("\(payments[0]),1.00,duplicate\nnot-a-uuid,1.00,duplicate\n", "line 2: \"not-a-uuid\" is not a payment id"),
                                ("\(payments[0]),1.00,other,\"unclosed\n", "line 1: a quoted field is not closed")] {
            writeTextFile(path, file)
            let run = w.run(CLIOperators.support, "refund", "--csv", path)
            #expect(run.status == 2 && run.stderr.contains(message), "\(run)")
        }
        #expect(try w.writeCounts() == before, "a malformed file writes nothing")
    }

    @Test("create-operator needs a superuser; no connection exits 1; usage errors exit 1")
    func otherExits() throws {
        let w = try CLIWorld()
        let notSuper = w.run(CLIOperators.finance, "db", "create-operator", "cli_nobody", "--role", "viewer")
        #expect(notSuper.status == 2 && notSuper.stderr.contains("refused (42501): only a superuser"), "\(notSuper)")
        let badName = w.run("postgres", "db", "create-operator", "payops_evil", "--role", "viewer", "--json")
        #expect(badName.status == 2, "\(badName)")
        #expect(try w.json(badName.stdout, "error") == "PX051", "\(badName)")

        let unreachable = runPayops(["refund", "00000000-0000-0000-0000-000000000001", "--amount", "1", "--reason", "duplicate",
                                     "--dsn", "host=/nonexistent port=1", "--json"])
        #expect(unreachable.status == 1, "\(unreachable)")
        #expect(unreachable.stderr.contains("cannot connect to PostgreSQL"), "\(unreachable)")
        #expect(try w.json(unreachable.stdout, "error") == "connection", "\(unreachable)")

        let usage = runPayops(["refund", "00000000-0000-0000-0000-000000000001", "--reason", "duplicate"])
        #expect(usage.status == 1 && usage.stderr.contains("--amount is required"), "\(usage)")
        let unknown = runPayops(["payout", "approve"])
        #expect(unknown.status == 1 && unknown.stderr.contains("Missing expected argument"), "\(unknown)")
        let help = runPayops(["refund", "--help"])
        #expect(help.status == 0 && help.stdout.contains("payops refund --csv <file>"), "\(help)")
    }
}
