import ArgumentParser
import PaymentData
import Screens
#if canImport(Glibc)
import Glibc
#endif

/// Runs one subcommand's work and turns how it ended into output and an exit status, the same way for
/// every action: 0 done (an idempotent replay included); 2 refused by a rule, a permission or invalid
/// input (`payops: refused (CODE): …` on stderr, and `{"error": CODE, "message": …}` on stdout with
/// `--json`); 1 anything else (no connection, a lost connection, a bug).
struct ActionRunner {
    /// `--json`: machine output on stdout.
    let json: Bool

    /// Runs `body`, which prints its own results; maps what it throws to the exit status.
    func run(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let exit as ExitCode {
            throw exit
        } catch let failure as ConnectionFailure {
            fail(code: "connection", message: failure.reason, text: "\(failure)")
            throw ExitCode(1)
        } catch let error as PGError where Self.meansNotInstalled(error) {
            fail(code: "not_installed", message: SessionQueries.notInstalledHint, text: SessionQueries.notInstalledHint)
            throw ExitCode(1)
        } catch {
            if let refusal = Self.refusal(for: error) {
                refuse(refusal)
                throw ExitCode(2)
            }
            let pg = error as? PGError
            fail(code: pg.map { $0.sqlState.isEmpty ? $0.kind.rawValue : $0.sqlState } ?? "error",
                 message: pg?.message ?? "\(error)", text: "\(error)")
            throw ExitCode(1)
        }
    }

    /// An action or read of payops' own on a database where payops is not installed: its schema, function or
    /// read model is missing (3F000, 42883, 42P01 naming payops).
    static func meansNotInstalled(_ error: PGError) -> Bool {
        ["3F000", "42883", "42P01"].contains(error.sqlState) && error.message.contains("payops")
    }

    /// The refusal an error stands for: a rule, a permission, a read-only session, or input the database
    /// could not take (SQLSTATE class 22: a malformed network, an out-of-range value); nil otherwise.
    static func refusal(for error: any Error) -> ActionRefusal? { error.asRefusal }

    /// Prints a refusal: the reason on stderr, and the JSON error object on stdout with `--json`.
    func refuse(_ refusal: ActionRefusal, prefix: String = "") {
        printError("payops: refused (\(refusal.code)): " + ActionRunner.safe(prefix + Self.line(refusal)))
        if json { print(Self.errorObject(refusal, prefix: prefix).text) }
    }

    /// A refusal as one line: the message, its hint, and the database's detail.
    static func line(_ refusal: ActionRefusal) -> String {
        var text = refusal.description
        if let detail = refusal.detail, !detail.isEmpty { text += " (\(detail))" }
        return text
    }

    /// `{"error": CODE, "message": …}` (plus detail and hint when the database gave them).
    static func errorObject(_ refusal: ActionRefusal, prefix: String = "") -> JSONValue {
        var pairs: [(String, JSONValue)] = [("error", .string(refusal.code)), ("message", .string(prefix + refusal.message))]
        if let detail = refusal.detail, !detail.isEmpty { pairs.append(("detail", .string(detail))) }
        if let hint = refusal.hint, !hint.isEmpty { pairs.append(("hint", .string(hint))) }
        return .object(pairs)
    }

    /// Prints a failure that is not a refusal: `payops: …` on stderr, and a JSON error object with `--json`.
    func fail(code: String, message: String, text: String) {
        printError("payops: " + ActionRunner.safe(text))
        if json { print(JSONValue.object([("error", .string(code)), ("message", .string(message))]).text) }
    }

    /// Prints what an action did: its JSON result with `--json`, else its one-line summary and any detail
    /// lines. A replay (the key was used before) is said on stderr.
    /// `stdout`: what a script reads from stdout instead of the sentence (the sentence then goes to stderr).
    func report(_ receipt: some ActionReceipt, replayed: Bool = false, details: [String] = [], stdout: String? = nil) {
        if json {
            print(receipt.json.text)
        } else if let stdout {
            print(stdout)
            printError("payops: " + ActionRunner.safe(receipt.summary))
        } else {
            print(ActionRunner.safe(receipt.summary))
            for line in details { print(ActionRunner.safe(line)) }
        }
        if replayed {
            printError("payops: this idempotency key was used before: that call's result is shown, nothing was done again")
        }
    }

    /// Prints what a dry run found: `object` with `--json`, else the lines.
    func reportDryRun(_ lines: [String], object: JSONValue) {
        if json {
            print(object.text)
        } else {
            for line in lines { print(ActionRunner.safe(line)) }
        }
    }

    /// Text for the terminal: every line sanitised (no escape sequences or spoofing characters from the
    /// database reach it), tabs as spaces, the line breaks kept.
    static func safe(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { SafeText.sanitize($0.replacing("\t", with: "  ")) }.joined(separator: "\n")
    }

    /// Connects with the command's options (a failure becomes exit 1 with libpq's reason and a hint).
    func connect(_ options: ConnectionOptions) throws -> PGConnection {
        try options.connect()
    }

    /// Runs an action and reports its receipt, noting a replay when the operator's own key was used before.
    func perform<R: ActionReceipt>(_ action: Query<R>, on db: PGConnection, options: ActionOptions, key: IdempotencyKey,
                                   details: (R) -> [String] = { _ in [] }, stdout: ((R) -> String)? = nil) throws {
        if options.readonly || Settings.load().readonly {
            throw ActionRefusal(.readOnlySession, "this session is read-only (--readonly, or readonly = true in "
                                + "\(Settings.path)): nothing was done")
        }
        let prior = options.keyWasGiven ? PriorAction.lookup(db, key) : nil
        options.announce(key)
        InterruptibleAction.prepare(db)
        try InterruptibleAction.withSignalsHeld { signals in
            let receipt: R
            do {
                receipt = try InterruptibleAction.run(action, on: db, signals: signals)
            } catch is InterruptibleAction.NotDone {
                let text = "interrupted: nothing was done (the action was cancelled on the server)"
                fail(code: "interrupted", message: text, text: text)
                throw ExitCode(3)
            } catch let unknown as InterruptibleAction.Unknown {
                let settle = InterruptibleAction.settleCommand(key)
                let text = "the outcome is unknown (\(unknown.reason)); settle it with the same key, which replays the first "
                    + "result or acts once:\n  \(settle)"
                fail(code: "unknown", message: text, text: text)
                throw ExitCode(4)
            }
            report(receipt, replayed: prior != nil, details: details(receipt), stdout: stdout?(receipt))
            fflush(nil)   // a redirected stdout is block-buffered: what is done is on record before anything else
        }
    }
}
