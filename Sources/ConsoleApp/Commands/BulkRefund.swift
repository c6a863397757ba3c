import ArgumentParser
import PaymentData
#if canImport(Glibc)
import Glibc
#endif

/// `payops refund --csv FILE`: every row is checked against its payment first (so a malformed amount
/// refuses the whole file before anything is written); then each row is its own `payops.refund` call
/// and transaction, keyed `<key>:<line>`, so running the same file with the same key again replays.
struct BulkRefund {
    let rows: [RefundCSVRow]
    /// The file's key: nil only in a dry run without `--idempotency-key`.
    let key: IdempotencyKey?
    let options: ActionOptions
    let runner: ActionRunner

    private var keyWasGiven: Bool { options.keyWasGiven }

    /// A row with its payment's preview (nil: no such payment), its amount in that payment's currency and its key.
    struct Planned {
        let row: RefundCSVRow
        let preview: RefundPreview?
        let amount: Money?
        let key: IdempotencyKey?
    }

    /// Checks every row, then refunds them one by one, or with `dryRun` says what each would do.
    func run(_ db: PGConnection, dryRun: Bool) throws {
        let planned = try plan(db)
        if dryRun { try preview(planned, db) } else { try refund(planned, db) }
    }

    /// Every row with its payment's preview; refuses the whole file when an amount does not parse.
    func plan(_ db: PGConnection) throws -> [Planned] {
        var previews: [PGUUID: RefundPreview?] = [:]
        return try rows.map { row in
            let preview: RefundPreview?
            if let cached = previews[row.paymentID] {
                preview = cached
            } else {
                preview = try db.perform(RefundPreview.query(row.paymentID))
                previews[row.paymentID] = preview
            }
            let at = "line \(row.line): "
            let amount = try preview.map { try CommandInput.amount(row.amount, in: $0.currency, of: "the payment", line: at) }
            var rowKey: IdempotencyKey?
            if let key {
                rowKey = IdempotencyKey("\(key.text):\(row.line)")
                if rowKey == nil { throw ActionRefusal(.invalidInput, "--idempotency-key is too long for a CSV file (190 characters at most)") }
            }
            return Planned(row: row, preview: preview, amount: amount, key: rowKey)
        }
    }

    /// The dry run: what each row would do, counting earlier rows of the file against the same payment.
    private func preview(_ planned: [Planned], _ db: PGConnection) throws {
        var inFile: [PGUUID: Int64] = [:]
        var totals = Totals()
        var objects: [JSONValue] = []
        var refused = 0
        var doneBefore = 0
        for item in planned {
            let row = item.row
            var object = Self.rowObject(item)
            if keyWasGiven, let rowKey = item.key, PriorAction.lookup(db, rowKey) != nil {
                doneBefore += 1
                object.append(("status", .string("done_before")))
                say("line \(row.line): already done with key \(rowKey); a real run with this key returns that result")
                objects.append(.object(object))
                continue
            }
            var refusal: ActionRefusal?
            if var preview = item.preview, let amount = item.amount {
                let earlier = inFile[row.paymentID] ?? 0
                preview.refunded = Money(minorUnits: preview.refunded.minorUnits + earlier, currency: preview.currency)
                refusal = preview.refusal(amount: amount, reason: row.reason, note: row.note)
                if refusal == nil {
                    inFile[row.paymentID] = earlier + amount.minorUnits
                    totals.add(amount)
                    let after = Money(minorUnits: preview.refundable.minorUnits - amount.minorUnits, currency: amount.currency)
                    say("line \(row.line): would refund \(amount) of payment \(row.paymentID.short) at \(preview.venueName); "
                        + "refundable after: \(after)")
                    object += [("status", .string("would_refund")), ("refundable_after", .int(after.minorUnits))]
                }
            } else {
                refusal = ActionRefusal(.notFound, "payment \(row.paymentID) not found")
            }
            if let refusal {
                refused += 1
                printError("payops: would be refused (\(refusal.code)): line \(row.line): " + ActionRunner.safe(ActionRunner.line(refusal)))
                object += [("status", .string("would_refuse")), ("error", .string(refusal.code)), ("message", .string(refusal.message))]
            }
            objects.append(.object(object))
        }
        let would = planned.count - refused - doneBefore
        say("dry run: \(planned.count) row\(planned.count == 1 ? "" : "s"): \(would) would be refunded (\(totals.text)), "
            + (doneBefore > 0 ? "\(doneBefore) already done with this key, " : "")
            + "\(refused) would be refused; nothing was written")
        finish(objects, totals: totals, refused: refused, dryRun: true)
        if refused > 0 { throw ExitCode(2) }
    }

    /// The real run: one call (one transaction) per row, in file order; a refused row does not stop the others.
    /// Each committed refund's line is printed (and flushed) before the next row starts, with termination
    /// signals held back meanwhile: the output never says less than what was done. Ctrl-C or SIGTERM stops the
    /// run after saying what happened to the row in flight; the same file with the same key finishes it.
    private func refund(_ planned: [Planned], _ db: PGConnection) throws {
        if options.readonly || Settings.load().readonly {
            throw ActionRefusal(.readOnlySession, "this session is read-only (--readonly, or readonly = true in "
                                + "\(Settings.path)): nothing was done")
        }
        if let key { options.announce(key) }
        InterruptibleAction.prepare(db)
        try InterruptibleAction.withSignalsHeld { signals in try refund(planned, db, signals: signals) }
    }

    private func refund(_ planned: [Planned], _ db: PGConnection, signals: Int32) throws {
        let resume = "run the same file again with --idempotency-key \(key?.text ?? "") to finish (rows already done replay)"
        var totals = Totals()
        var objects: [JSONValue] = []
        var refused = 0
        var replayed = 0
        for item in planned {
            let row = item.row
            var object = Self.rowObject(item)
            if InterruptibleAction.signalled(signals) {
                printError("payops: interrupted before line \(row.line): nothing of it was done; the rows before it are done; \(resume)")
                finish(objects, totals: totals, refused: refused, dryRun: false, stoppedAt: row.line)
                throw ExitCode(3)
            }
            do {
                guard item.preview != nil, let amount = item.amount, let rowKey = item.key else {
                    throw ActionRefusal(.notFound, "payment \(row.paymentID) not found")
                }
                let prior = keyWasGiven ? PriorAction.lookup(db, rowKey) : nil
                let receipt: RefundReceipt
                do {
                    receipt = try InterruptibleAction.run(OperatorActions.refund(payment: row.paymentID, amount: amount,
                                                                                 reason: row.reason, note: row.note, key: rowKey),
                                                          on: db, signals: signals)
                } catch is InterruptibleAction.NotDone {
                    printError("payops: interrupted at line \(row.line): nothing was done for it (cancelled on the server); "
                               + "the rows before it are done; \(resume)")
                    finish(objects, totals: totals, refused: refused, dryRun: false, stoppedAt: row.line)
                    throw ExitCode(3)
                } catch let unknown as InterruptibleAction.Unknown {
                    printError("payops: line \(row.line): the outcome is unknown (\(unknown.reason)); the rows before it are done; "
                               + resume)
                    finish(objects, totals: totals, refused: refused, dryRun: false, stoppedAt: row.line)
                    throw ExitCode(4)
                }
                totals.add(receipt.amount)
                if prior != nil { replayed += 1 }
                say("line \(row.line): \(receipt.summary)" + (prior != nil ? " (replayed: done before with this key)" : ""))
                object += [("status", .string("done")), ("replayed", .bool(prior != nil)), ("result", .raw(receipt.json.text))]
            } catch let exit as ExitCode {
                throw exit
            } catch {
                guard let refusal = ActionRunner.refusal(for: error) else {
                    printError("payops: stopped at line \(row.line): " + ActionRunner.safe("\(error)"))
                    printError("payops: the rows before line \(row.line) are done; \(resume)")
                    object += [("status", .string("not_run")), ("error", .string((error as? PGError)?.kind.rawValue ?? "error")),
                               ("message", .string("\(error)"))]
                    objects.append(.object(object))
                    finish(objects, totals: totals, refused: refused, dryRun: false, stoppedAt: row.line)
                    throw ExitCode(1)
                }
                refused += 1
                printError("payops: refused (\(refusal.code)): line \(row.line): " + ActionRunner.safe(ActionRunner.line(refusal)))
                object += [("status", .string("refused")), ("error", .string(refusal.code)), ("message", .string(refusal.message))]
            }
            objects.append(.object(object))
        }
        let done = planned.count - refused
        say("\(planned.count) row\(planned.count == 1 ? "" : "s"): \(done) refunded"
            + (replayed > 0 ? " (\(replayed) replayed)" : "") + ", \(refused) refused; total \(totals.text)")
        finish(objects, totals: totals, refused: refused, dryRun: false)
        if refused > 0 { throw ExitCode(2) }
    }

    /// A human line on stdout (nothing with `--json`: the JSON object comes at the end).
    private func say(_ line: String) {
        if !runner.json {
            print(ActionRunner.safe(line))
            fflush(nil)   // a redirected stdout is block-buffered: each done row is on record before the next starts
        }
    }

    /// The JSON report with `--json`.
    private func finish(_ rows: [JSONValue], totals: Totals, refused: Int, dryRun: Bool, stoppedAt: Int? = nil) {
        guard runner.json else { return }
        var pairs: [(String, JSONValue)] = [("dry_run", .bool(dryRun)), ("idempotency_key", .string(key?.text)),
                                            ("rows", .array(rows)), ("totals", totals.json), ("refused", .int(Int64(refused)))]
        if let stoppedAt { pairs.append(("stopped_at_line", .int(Int64(stoppedAt)))) }
        print(JSONValue.object(pairs).text)
    }

    private static func rowObject(_ item: Planned) -> [(String, JSONValue)] {
        var pairs: [(String, JSONValue)] = [("line", .int(Int64(item.row.line))), ("payment_id", .string(item.row.paymentID.string))]
        if let amount = item.amount {
            pairs += [("amount", .int(amount.minorUnits)), ("currency", .string(amount.currency.code))]
        }
        return pairs
    }

    /// Amounts per currency, in the order the currencies first appear.
    struct Totals {
        private(set) var amounts: [Money] = []

        mutating func add(_ amount: Money) {
            if let index = amounts.firstIndex(where: { $0.currency == amount.currency }) {
                amounts[index] = Money(minorUnits: amounts[index].minorUnits + amount.minorUnits, currency: amount.currency)
            } else {
                amounts.append(amount)
            }
        }

        var text: String { amounts.isEmpty ? "nothing" : amounts.map(\.description).joined(separator: ", ") }
        var json: JSONValue { .object(amounts.map { ($0.currency.code, .int($0.minorUnits)) }) }
    }
}
