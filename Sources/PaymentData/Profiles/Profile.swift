/// A platform payops knows how to serve: how to recognise its schema, the read model over its tables, how
/// actions write there, the indexes its panes need, and (for tests and demos) a fixture of its schema.
/// Profiles are data and SQL; adding one touches its folder and `Profile.all`.
public struct Profile: Sendable {
    /// The name given to `--profile`.
    public let name: String
    /// One line on what platform this is.
    public let summary: String
    /// The platform's own schema, for demos and tests (never applied by `install`).
    public let fixtures: [Fixture]
    /// Views in `payops_read` over the platform's tables (`READ-MODEL.md` is the contract).
    public let readModel: String
    /// The `payops_write` hooks the action functions call to write the platform's way.
    public let writeHooks: String
    /// Indexes the panes need (payops creates only those the platform lacks).
    public let indexes: [RecommendedIndex]
    /// What the platform's catalogue must show for this profile to fit it.
    public let signature: Signature
    /// True when zone-less timestamps make `--timezone` matter.
    public let usesTimeZone: Bool
    /// Per pane and per action: available, limited (and why), or missing (and why).
    public let availability: [Availability]
    /// Converts the canonical demo data (schema payops_seed) into this platform's tables (nil: canonical itself).
    public var demoSQL: String? = nil

    /// Every profile payops ships.
    public static let all: [Profile] = [.canonical, .tickettoken, .revendiste, .stripeService, .wallets, .advancedPayments]

    /// Every fixture's name (`canonical`, `tickettoken`, `tickettoken-rls`, …), for `payops demo --profile`.
    public static var fixtureNames: [String] { all.flatMap { $0.fixtures.map(\.name) } }

    /// The profile and fixture index of a fixture's name.
    public static func fixture(named name: String) -> (Profile, Int)? {
        for profile in all {
            if let index = profile.fixtures.firstIndex(where: { $0.name == name }) { return (profile, index) }
        }
        return nil
    }

    /// The platform tables the profile's SQL names (`public.t` in its read model and write hooks, its indexes'
    /// tables, its signature's), in that order: what `PlatformNames` looks for.
    public var sourceTables: [String] {
        var names: [String] = []
        for sql in [readModel, writeHooks] {
            for match in sql.matches(of: /\bpublic\.([a-z_][a-z0-9_]*)\b/) where !names.contains(String(match.1)) {
                names.append(String(match.1))
            }
        }
        for name in indexes.map(\.table) + signature.required.map({ String($0.prefix { $0 != "." }) })
        where !names.contains(name) {
            names.append(name)
        }
        return names
    }

    /// The profile of that name, if payops ships it.
    public static func named(_ name: String) -> Profile? { all.first { $0.name == name } }
}

/// One variant of a profile's schema as a fixture (the seed's text, or the real system's migrations).
public struct Fixture: Sendable {
    public let name: String
    public let sql: String
}

/// The tables (and some columns) whose presence identifies a profile, and the ones whose presence rules it out.
public struct Signature: Sendable {
    /// `table` or `table.column`, in the platform's schema.
    public let required: [String]
    /// Tables that this profile's platform does not have.
    public let absent: [String]
}

/// What a pane or an action has on a profile's platform, for `payops db detect`.
public struct Availability: Sendable {
    public enum State: String, Sendable { case available, limited, missing }
    public let name: String
    public let state: State
    public let note: String

    public init(_ name: String, _ state: State, _ note: String) {
        self.name = name
        self.state = state
        self.note = note
    }
}
