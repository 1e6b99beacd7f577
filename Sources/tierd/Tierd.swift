import ArgumentParser

/// The `tierd` command line: the daemon and its operator commands.
@main
struct Tierd: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tierd",
        abstract: "Service-policy engine for insurance branches.",
        discussion: """
            Commands that use the database take --database CONNINFO (a libpq conninfo \
            string or postgresql:// URI); without it, libpq's defaults and the PG* \
            environment variables apply (PGHOST, PGPORT, PGDATABASE, PGSERVICE, ...).
            """,
        subcommands: [
            DemoCommand.self,
            MigrateCommand.self,
            PolicyCommand.self,
            SeedCommand.self,
            ImportCommand.self,
            ServeCommand.self,
            ClientsCommand.self,
            JobCommand.self,
            ReportCommand.self,
        ]
    )
}
