import ArgumentParser
import TierStore

/// The `--database` option shared by every command that reaches PostgreSQL.
struct DatabaseOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "libpq conninfo string or postgresql:// URI. Default: libpq's defaults and PG* variables.",
            valueName: "conninfo"))
    var database: String = ""

    /// Opens a connection (blocking).
    func connect() throws -> PGConnection {
        try PGConnection(conninfo: database)
    }
}
