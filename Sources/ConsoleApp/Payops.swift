import ArgumentParser

/// The `payops` command: the console by default, plus database and demo subcommands.
@main
struct Payops: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "payops",
        abstract: "A terminal console for operating a payment platform's PostgreSQL database.",
        discussion: """
            With no subcommand, opens the console. Connection settings are libpq's own: --dsn takes a \
            conninfo string or URI; without it PGHOST, PGDATABASE, PGUSER, ~/.pgpass and pg_service.conf apply.
            """,
        version: "0.1.0",
        subcommands: [Console.self, Demo.self, Database.self],
        defaultSubcommand: Console.self
    )
}

/// `payops db …`: schema and demo-data maintenance.
struct Database: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "Migrate a database or fill it with demo data.",
        subcommands: [Migrate.self, Seed.self]
    )
}
