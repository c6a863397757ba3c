/// An operator action the database refused: a rule (the PX codes of migrations 4 and 6) or a
/// permission. A refusal changed nothing. Anything else (a lost connection, a bug) stays a `PGError`.
public struct ActionRefusal: Error, Sendable, Equatable, CustomStringConvertible {
    /// Why, one case per documented error code.
    public enum Reason: String, Sendable, CaseIterable {
        case keyReused = "PX001"
        case notFound = "PX002"
        case reasonRequired = "PX003"
        case keyRequired = "PX004"
        case argumentMissing = "PX005"
        case paymentNotRefundable = "PX010"
        case amountNotPositive = "PX011"
        case exceedsRefundable = "PX012"
        case unknownRefundReason = "PX013"
        case noteRequired = "PX014"
        case belowMinimumPayout = "PX020"
        case exceedsPayable = "PX021"
        case payoutNotRequested = "PX022"
        case fourEyes = "PX023"
        case dailyLimit = "PX024"
        case webhookNotFailed = "PX030"
        case alreadyRequeued = "PX031"
        case nothingToRequeue = "PX033"
        case alreadyProcessed = "PX034"
        case notStuck = "PX035"
        case notInGroup = "PX036"
        case neverAttempted = "PX037"
        case expiryNotInFuture = "PX041"
        case notBlocked = "PX042"
        case alreadyBlocked = "PX043"
        case unknownGroup = "PX050"
        case invalidOperatorName = "PX051"
        /// The platform has no place for this action (a profile's hook refused it: no outbox to requeue into, no
        /// refund table, …); nothing was written.
        case notOnThisPlatform = "PX060"
        /// The login lacks EXECUTE on the function (its group may not do this) or is not a superuser.
        case permissionDenied = "42501"
        /// A hot standby or a read-only session.
        case readOnlySession = "25006"
        /// The target was locked by another transaction for longer than the action's lock_timeout.
        case locked = "55P03"
        /// Input refused before it reached the database (an amount with three decimals, a bad id…), or
        /// a value PostgreSQL could not take (SQLSTATE class 22: a network with host bits set, an overflow).
        case invalidInput = "payops-input"
        /// A constraint stopped the write (SQLSTATE class 23; a backstop behind the rules above).
        case constraintViolation = "23000"
    }

    public let reason: Reason
    /// The SQLSTATE the database raised (or `payops-input`).
    public let code: String
    public let message: String
    public let detail: String?
    public let hint: String?

    /// Makes a refusal.
    public init(_ reason: Reason, _ message: String, detail: String? = nil, hint: String? = nil, code: String? = nil) {
        self.reason = reason
        self.code = code ?? reason.rawValue
        self.message = message
        self.detail = detail
        self.hint = hint
    }

    /// The refusal a database error stands for, or nil when it is not a refusal.
    public init?(_ error: PGError) {
        guard error.kind == .query, error.sqlState != Reason.invalidInput.rawValue else { return nil }
        let reason: Reason
        if let known = Reason(rawValue: error.sqlState) {
            reason = known
        } else if error.sqlState.hasPrefix("22") {
            reason = .invalidInput
        } else if error.sqlState.hasPrefix("23") {
            reason = .constraintViolation
        } else {
            return nil
        }
        if reason == .locked, !error.message.contains("locked by another transaction") {
            self.init(.locked, "a row it needs is locked by another transaction; nothing was done; try again",
                      detail: error.message, code: error.sqlState)
            return
        }
        self.init(reason, error.message, detail: error.detail, hint: error.hint, code: error.sqlState)
    }

    /// Two refusals are the same refusal when they have the same reason (messages carry ids and amounts).
    public static func == (lhs: ActionRefusal, rhs: ActionRefusal) -> Bool { lhs.reason == rhs.reason }


    /// One line for a status line or stderr: the message, then the hint.
    public var description: String {
        var text = message
        if reason == .permissionDenied, message.hasPrefix("permission denied for function") {
            text += " (the session's group roles do not allow this action)"
        }
        if let hint, !hint.isEmpty { text += " — \(hint)" }
        return text
    }
}

extension Error {
    /// This error as a refusal, when it is one (a rule, a permission, refused input).
    public var asRefusal: ActionRefusal? {
        if let refusal = self as? ActionRefusal { return refusal }
        if let error = self as? PGError { return ActionRefusal(error) }
        if let error = self as? MoneyError { return ActionRefusal(.invalidInput, "\(error)") }
        return nil
    }
}
