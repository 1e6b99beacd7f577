import Foundation

/// Where one migration stands against a database.
public struct MigrationStatus: Sendable, Equatable {
    /// The states a migration can be in.
    public enum State: String, Sendable {
        /// Applied, and the file still has the recorded checksum.
        case applied
        /// In the directory, not yet applied.
        case pending
        /// Applied, but the file has changed since: `migrate` refuses to run.
        case changed
        /// Recorded in the database, but no file has its number (the database is newer).
        case unknown
    }

    public var version: Int
    public var name: String
    public var state: State
    /// When it was applied, for applied, changed and unknown migrations.
    public var appliedAt: Date?
}

/// Applies numbered SQL migrations, recording each in `tierd_schema_migrations`
/// with its checksum.
///
/// A run takes a transaction-scoped advisory lock first, so two processes migrating
/// at once take turns and the second finds nothing left to do. All pending
/// migrations apply in that one transaction: either all of them land or none.
/// Each run ends by granting the runtime role its privileges (`tierd_grant_runtime()`,
/// migration 0013), so new tables get them too.
/// A run refuses to start when an applied migration's file has changed or when the
/// database holds a migration this build does not know.
public struct Migrator: Sendable {
    /// The migrations, in order.
    public let migrations: [Migration]

    /// The advisory lock key (the bytes of "tierdmig").
    static let lockKey: Int64 = 0x7469_6572_646D_6967

    static let createTable = """
        CREATE TABLE IF NOT EXISTS tierd_schema_migrations (
            version     integer PRIMARY KEY,
            name        text NOT NULL,
            checksum    text NOT NULL,
            applied_at  timestamptz NOT NULL DEFAULT now(),
            duration_ms integer NOT NULL
        )
        """

    /// Makes a migrator for the given migrations.
    public init(migrations: [Migration]) {
        self.migrations = migrations.sorted { $0.version < $1.version }
    }

    /// Applies every pending migration; returns those applied (empty when up to date).
    @discardableResult
    public func migrate(_ connection: PGConnection) throws -> [Migration] {
        try connection.transaction { connection in
            try connection.execute("SELECT pg_advisory_xact_lock($1)", [Self.lockKey])
            try connection.execute(Self.createTable)
            let statuses = try status(connection)
            if let changed = statuses.first(where: { $0.state == .changed }) {
                throw MigrationError(.checksumMismatch,
                    "migration \(changed.version) (\(changed.name)) was applied, but its file has changed since; restore the file or add a new migration instead of editing an applied one")
            }
            if let unknown = statuses.first(where: { $0.state == .unknown }) {
                throw MigrationError(.unknownApplied,
                    "the database has migration \(unknown.version) (\(unknown.name)) that this build does not know; it is newer than this tierd")
            }
            let pending = Set(statuses.filter { $0.state == .pending }.map(\.version))
            var applied: [Migration] = []
            for migration in migrations where pending.contains(migration.version) {
                let started = ContinuousClock.now
                do {
                    try connection.executeScript(migration.sql)
                } catch let error as PGError {
                    throw MigrationError(.failed, "migration \(migration.version) (\(migration.name)) failed: \(error)")
                }
                let elapsed = ContinuousClock.now - started
                let milliseconds = Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)
                try connection.execute(
                    "INSERT INTO tierd_schema_migrations (version, name, checksum, duration_ms) VALUES ($1, $2, $3, $4)",
                    [migration.version, migration.name, migration.checksum, milliseconds])
                applied.append(migration)
            }
            try grantRuntime(connection)
            return applied
        }
    }

    /// Re-grants the runtime role (migration 0013) its privileges on every table,
    /// those of migrations just applied included; nothing before 0013 is applied.
    private func grantRuntime(_ connection: PGConnection) throws {
        let present = try connection.execute("SELECT to_regprocedure('tierd_grant_runtime()') IS NOT NULL").scalar(Bool.self)
        if present { try connection.execute("SELECT tierd_grant_runtime()") }
    }

    /// Compares the migrations with what the database has recorded.
    public func status(_ connection: PGConnection) throws -> [MigrationStatus] {
        let exists = try connection.execute("SELECT to_regclass('tierd_schema_migrations') IS NOT NULL").scalar(Bool.self)
        var recorded: [Int: (name: String, checksum: String, appliedAt: Date)] = [:]
        if exists {
            for row in try connection.execute("SELECT version, name, checksum, applied_at FROM tierd_schema_migrations") {
                recorded[try row.decode(0, as: Int.self)] = (try row.decode(1), try row.decode(2), try row.decode(3))
            }
        }
        var statuses: [MigrationStatus] = migrations.map { migration in
            guard let record = recorded.removeValue(forKey: migration.version) else {
                return MigrationStatus(version: migration.version, name: migration.name, state: .pending, appliedAt: nil)
            }
            let state: MigrationStatus.State = record.checksum == migration.checksum ? .applied : .changed
            return MigrationStatus(version: migration.version, name: migration.name, state: state, appliedAt: record.appliedAt)
        }
        statuses += recorded.map { MigrationStatus(version: $0.key, name: $0.value.name, state: .unknown, appliedAt: $0.value.appliedAt) }
        return statuses.sorted { $0.version < $1.version }
    }
}
