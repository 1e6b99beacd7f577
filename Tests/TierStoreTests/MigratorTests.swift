import Foundation
import Testing
import TierStore
import TierTestSupport

/// Migrations apply once, in order, atomically, under a lock, and refuse changed files.
@Suite struct MigratorTests {
    private let sample = [
        Migration(version: 1, name: "first", sql: "CREATE TABLE a (id int PRIMARY KEY);"),
        Migration(version: 2, name: "second", sql: "CREATE TABLE b (id int REFERENCES a); INSERT INTO a VALUES (1);"),
    ]

    @Test func appliesInOrderThenNothing() async throws {
        let db = try await TestDatabase.create(migrated: false)
        let c = try db.connect()
        let migrator = Migrator(migrations: sample.reversed())
        #expect(try migrator.status(c).map(\.state) == [.pending, .pending])
        #expect(try migrator.migrate(c).map(\.version) == [1, 2])
        #expect(try migrator.migrate(c).isEmpty)
        #expect(try migrator.status(c).map(\.state) == [.applied, .applied])
        #expect(try c.execute("SELECT count(*) FROM a").scalar(Int.self) == 1)
        let recorded = try c.execute("SELECT version, checksum FROM tierd_schema_migrations ORDER BY version")
            .map { (try $0.decode(0, as: Int.self), try $0.decode(1, as: String.self)) }
        #expect(recorded.map(\.0) == [1, 2])
        #expect(recorded.map(\.1) == sample.map(\.checksum))
    }

    @Test func changedFileIsRefused() async throws {
        let db = try await TestDatabase.create(migrated: false)
        let c = try db.connect()
        try Migrator(migrations: sample).migrate(c)
        var edited = sample
        edited[0] = Migration(version: 1, name: "first", sql: "CREATE TABLE a (id bigint PRIMARY KEY);")
        let third = Migration(version: 3, name: "third", sql: "CREATE TABLE c (id int);")
        let migrator = Migrator(migrations: edited + [third])
        #expect(try migrator.status(c).map(\.state) == [.changed, .applied, .pending])
        let error = try #require(throws: MigrationError.self) { try migrator.migrate(c) }
        #expect(error.code == .checksumMismatch)
        #expect(error.message.contains("migration 1 (first)"))
        // Nothing after the refusal was applied.
        #expect(try c.execute("SELECT to_regclass('c') IS NULL").scalar(Bool.self))
    }

    @Test func unknownAppliedMigrationIsRefused() async throws {
        let db = try await TestDatabase.create(migrated: false)
        let c = try db.connect()
        try Migrator(migrations: sample).migrate(c)
        let older = Migrator(migrations: [sample[0]])
        #expect(try older.status(c).map(\.state) == [.applied, .unknown])
        #expect(throws: MigrationError.self) { try older.migrate(c) }
    }

    @Test func failingMigrationLeavesNothingBehind() async throws {
        let db = try await TestDatabase.create(migrated: false)
        let c = try db.connect()
        let broken = sample + [Migration(version: 3, name: "broken", sql: "CREATE TABLE c (id int); SELEKT;")]
        let error = try #require(throws: MigrationError.self) { try Migrator(migrations: broken).migrate(c) }
        #expect(error.code == .failed)
        #expect(error.message.contains("migration 3 (broken)"))
        #expect(try c.execute("SELECT to_regclass('a') IS NULL AND to_regclass('tierd_schema_migrations') IS NULL").scalar(Bool.self))
    }

    @Test func concurrentRunsApplyEachMigrationOnce() async throws {
        let db = try await TestDatabase.create(migrated: false)
        let migrations = try TestCluster.migrations()
        let migrator = Migrator(migrations: migrations)
        let results = try await withThrowingTaskGroup(of: [Int].self) { group in
            for _ in 0..<4 {
                group.addTask {
                    try await TestCluster.offloaded {
                        try migrator.migrate(try PGConnection(conninfo: db.conninfo)).map(\.version)
                    }
                }
            }
            return try await group.reduce(into: [[Int]]()) { $0.append($1) }
        }
        // Exactly one run applied everything; the others found nothing to do.
        #expect(results.filter { !$0.isEmpty } == [migrations.map(\.version)])
        let c = try db.connect()
        #expect(try c.execute("SELECT count(*) FROM tierd_schema_migrations").scalar(Int.self) == migrations.count)
        #expect(try migrator.status(c).allSatisfy { $0.state == .applied })
    }

    @Test func loadsNumberedFilesInOrder() throws {
        let directory = NSTemporaryDirectory() + "tierd-migrations-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try "SELECT 2;".write(toFile: directory + "/0010_later.sql", atomically: true, encoding: .utf8)
        try "SELECT 1;".write(toFile: directory + "/0002_early.sql", atomically: true, encoding: .utf8)
        try "notes".write(toFile: directory + "/README.md", atomically: true, encoding: .utf8)
        let loaded = try Migration.load(from: directory)
        #expect(loaded.map(\.version) == [2, 10])
        #expect(loaded.map(\.name) == ["early", "later"])
        try "SELECT 3;".write(toFile: directory + "/0002_clash.sql", atomically: true, encoding: .utf8)
        let error = try #require(throws: MigrationError.self) { try Migration.load(from: directory) }
        #expect(error.code == .duplicateVersion)
    }

    @Test func projectMigrationsApplyFromScratch() async throws {
        let db = try await TestDatabase.create(migrated: false)
        let c = try db.connect()
        let migrations = try TestCluster.migrations()
        #expect(migrations.count >= 6)
        #expect(try Migrator(migrations: migrations).migrate(c).count == migrations.count)
        let tables = try c.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'").map { try $0.decode(0, as: String.self) }
        for table in ["customers", "households", "employees", "employee_family_members", "sales_agents", "policies",
                      "service_interactions", "complaints", "risk_surveys", "classification_snapshots", "tier_history",
                      "entitlement_grants", "green_channel_tickets", "tasks", "referral_commissions", "decision_log",
                      "audit_log", "api_clients"] {
            #expect(tables.contains(table), "missing table \(table)")
        }
    }
}
