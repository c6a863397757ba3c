/// How a platform names the tables and columns that a profile's SQL calls by their snake_case names: as written,
/// or the way an ORM names them when the schema does not (Prisma's defaults: the model's name as the table,
/// `"WalletTransaction"` for `wallet_transactions`, camelCase fields as columns, `"balanceBefore"` for
/// `balance_before`). When any table is named another way, install creates schema `payops_src` with one plain
/// view per table that gives every column its snake_case name; the profile's read model and write hooks then read
/// and write through those views (`public.t` becomes `payops_src.t`), and its indexes are written with the
/// platform's own names. Simple views are inlined by the planner and are updatable, so plans and writes are the
/// same as on the tables themselves.
public struct PlatformNames: Sendable, Equatable {
    /// A table of the profile's SQL and where the platform keeps it.
    public struct Table: Sendable, Equatable {
        /// The name the profile's SQL uses (`wallet_transactions`).
        public let name: String
        /// The platform's table in schema public (`WalletTransaction`).
        public let actual: String
        /// The platform's columns, each with the name the profile's SQL uses (`balanceBefore` → `balance_before`).
        public let columns: [Column]

        public var renamed: Bool { actual != name || columns.contains { $0.actual != $0.name } }
    }

    /// A platform column and its snake_case name.
    public struct Column: Sendable, Equatable {
        public let actual: String
        public let name: String
    }

    /// The profile's tables the platform has, in the profile's order.
    public let tables: [Table]

    /// True when the platform uses the names the profile's SQL uses (nothing to translate).
    public var asWritten: Bool { !tables.contains { $0.renamed } }

    /// The platform's table for a profile table name (nil: the platform has none).
    public func table(_ name: String) -> Table? { tables.first { $0.name == name } }

    /// Finds the profile's tables in the database's schema public: by their own name, else by the name an ORM
    /// would give the same model (case and underscores aside, singular or plural).
    public static func resolve(_ profile: Profile, _ connection: PGConnection) throws -> PlatformNames {
        resolve(profile, catalogue: try Self.catalogue(connection))
    }

    /// The same, from a catalogue already read.
    static func resolve(_ profile: Profile, catalogue: [(String, [String])]) -> PlatformNames {
        var tables: [Table] = []
        for name in profile.sourceTables {
            guard let (actual, columns) = Self.find(name, in: catalogue) else { continue }
            // A table under the profile's own name keeps its columns' names (the profile's SQL says them as they
            // are, camelCase included); one under the ORM's name has the ORM's camelCase fields.
            tables.append(Table(name: name, actual: actual, columns: columns.map {
                Column(actual: $0, name: actual == name ? $0 : snakeCase($0))
            }))
        }
        return PlatformNames(tables: tables)
    }

    /// The relations of schema public with their columns.
    static func catalogue(_ connection: PGConnection) throws -> [(String, [String])] {
        try connection.query("""
            SELECT c.relname::text, string_agg(a.attname::text, chr(31) ORDER BY a.attnum)
            FROM pg_catalog.pg_class c JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid
            WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
              AND a.attnum > 0 AND NOT a.attisdropped
            GROUP BY c.relname ORDER BY c.relname
            """).map { row throws(PGError) in 
            (try row.decode(0, as: String.self), try row.decode(1, as: String.self).split(separator: "\u{1F}").map(String.init))
        }
    }

    /// A table by its exact name, else by its ORM name (`wallet_transactions` ~ `WalletTransaction`).
    static func find(_ name: String, in catalogue: [(String, [String])]) -> (String, [String])? {
        if let exact = catalogue.first(where: { $0.0 == name }) { return exact }
        let wanted = Set([squashed(name), squashed(singular(name))])
        return catalogue.first { wanted.contains(squashed($0.0)) }
    }

    /// `balanceBefore` → `balance_before`, `stripePaymentIntentId` → `stripe_payment_intent_id`; snake_case stays.
    static func snakeCase(_ name: String) -> String {
        var result = ""
        var previous: Character? = nil
        for character in name {
            if character.isUppercase, let previous, previous.isLowercase || previous.isNumber { result.append("_") }
            result.append(contentsOf: character.lowercased())
            previous = character
        }
        return result
    }

    static func squashed(_ name: String) -> String { name.lowercased().replacing("_", with: "") }

    static func singular(_ name: String) -> String {
        if name.hasSuffix("ies") { return String(name.dropLast(3)) + "y" }
        if name.hasSuffix("s") { return String(name.dropLast()) }
        return name
    }
}

extension PlatformNames {
    /// What install runs first: schema payops_src with a view per table, or (names as written) no such schema.
    var sourceSchemaSQL: String {
        guard !asWritten else { return "DROP SCHEMA IF EXISTS payops_src CASCADE;" }
        var sql = """
            DROP SCHEMA IF EXISTS payops_src CASCADE;
            CREATE SCHEMA payops_src;
            REVOKE ALL ON SCHEMA payops_src FROM PUBLIC;

            """
        for table in tables {
            let columns = table.columns.map { column in
                column.actual == column.name ? identifier(column.actual)
                    : identifier(column.actual) + " AS " + identifier(column.name)
            }
            sql += "CREATE VIEW payops_src.\(identifier(table.name)) AS SELECT \(columns.joined(separator: ", ")) "
                + "FROM public.\(identifier(table.actual));\n"
        }
        return sql
    }

    /// A line that changes whenever the names do, for the definitions that depend on payops_src (so that they
    /// are applied again after it is made again).
    var fingerprint: String {
        asWritten ? "" : "-- platform names: " + sourceSchemaSQL.split(separator: "\n").joined(separator: " ") + "\n"
    }

    /// A profile's read model or write hooks, reading the platform's tables through payops_src.
    func rewrite(_ sql: String) -> String {
        guard !asWritten else { return sql }
        var result = sql.replacing("search_path = pg_catalog, public", with: "search_path = pg_catalog, payops_src, public")
        for table in tables {
            result = result.replacing(try! Regex("\\bpublic\\.\(table.name)\\b"), with: "payops_src.\(table.name)")
        }
        return result
    }

    /// A recommended index on the platform's own table and column names.
    func rewrite(_ index: RecommendedIndex) -> RecommendedIndex {
        guard let table = table(index.table), table.renamed else { return index }
        let quotedTable = identifier(table.actual)
        var definition = index.definition
        if let on = definition.firstRange(of: " ON \(index.table) ") {
            definition.replaceSubrange(on, with: " ON \(quotedTable) ")
        }
        let renames = Dictionary(table.columns.map { ($0.name, identifier($0.actual)) }, uniquingKeysWith: { a, _ in a })
        return RecommendedIndex(name: index.name, table: quotedTable, definition: Self.renamingColumns(definition, renames),
                                purpose: index.purpose)
    }

    /// Replaces the column names in an index definition's key and predicate (after the table's name), leaving
    /// string literals, qualified names (`payops.utc`) and function names alone.
    static func renamingColumns(_ definition: String, _ renames: [String: String]) -> String {
        guard let open = definition.firstIndex(of: "(") else { return definition }
        var result = String(definition[..<open])
        let text = Array(definition[open...])
        var index = 0
        while index < text.count {
            let character = text[index]
            if character == "'" {
                var end = index + 1
                while end < text.count, text[end] != "'" { end += 1 }
                result += String(text[index...min(end, text.count - 1)])
                index = end + 1
            } else if character == "\"" {
                var end = index + 1
                while end < text.count, text[end] != "\"" { end += 1 }
                result += String(text[index...min(end, text.count - 1)])
                index = end + 1
            } else if character.isLetter || character == "_" {
                var end = index
                while end < text.count, text[end].isLetter || text[end].isNumber || text[end] == "_" { end += 1 }
                let word = String(text[index..<end])
                let qualified = index > 0 && text[index - 1] == "."
                let call = end < text.count && (text[end] == "(" || text[end] == ".")
                result += (!qualified && !call ? renames[word] : nil) ?? word
                index = end
            } else {
                result.append(character)
                index += 1
            }
        }
        return result
    }
}
