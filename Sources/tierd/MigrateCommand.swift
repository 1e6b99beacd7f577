import ArgumentParser
import Foundation
import TierStore

/// `tierd migrate`: applies pending schema migrations, or lists them with `--status`.
struct MigrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Apply pending SQL migrations (safe to run twice or from two processes at once).")

    @OptionGroup var database: DatabaseOptions

    @Flag(name: .long, help: "List migrations and their state instead of applying them.")
    var status = false

    @Option(name: .long, help: ArgumentHelp("Directory of NNNN_name.sql files. Default: found automatically (TIERD_SQL_DIR, the install's share/tierd/sql, or sql/ in a checkout).", valueName: "dir"))
    var migrations: String?

    func run() throws {
        let migrator = Migrator(migrations: try loadMigrations(from: migrations))
        let connection = try database.connect()
        if status {
            let statuses = try migrator.status(connection)
            for entry in statuses {
                let applied = entry.appliedAt.map { " \(ISO8601DateFormatter().string(from: $0))" } ?? ""
                print("\(pad(entry.version)) \(entry.name.padding(toLength: 24, withPad: " ", startingAt: 0)) \(entry.state.rawValue)\(applied)")
            }
            if statuses.contains(where: { $0.state == .changed || $0.state == .unknown }) { throw ExitCode(2) }
            return
        }
        let applied = try migrator.migrate(connection)
        if applied.isEmpty {
            print("schema is up to date (\(migrator.migrations.count) migrations)")
        } else {
            for migration in applied { print("applied \(pad(migration.version)) \(migration.name)") }
        }
    }

    private func pad(_ version: Int) -> String {
        let digits = String(version)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}

/// Loads migrations from a directory, or from the one found by ``Migration/defaultDirectory()``.
func loadMigrations(from directory: String?) throws -> [Migration] {
    guard let directory = directory ?? Migration.defaultDirectory() else {
        throw ValidationError("cannot find the sql/ migrations directory; pass --migrations DIR or set TIERD_SQL_DIR")
    }
    let migrations = try Migration.load(from: directory)
    guard !migrations.isEmpty else { throw ValidationError("no NNNN_name.sql migrations in \(directory)") }
    return migrations
}
