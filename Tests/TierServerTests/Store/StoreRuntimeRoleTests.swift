import Foundation
import Testing
import TierServer
import TierStore
import TierTestSupport
import TierWire

/// Least privilege (migration 0013): a login in `tierd_runtime` can do what serving
/// needs and nothing that changes the schema or rewrites the append-only records.
@Suite struct StoreRuntimeRoleTests {
    /// A fresh login role in tierd_runtime, and a conninfo of `database` as that login.
    static func runtimeLogin(for database: TestDatabase) async throws -> String {
        let role = "rt_\(database.name)"
        try await TestCluster.offloaded {
            let admin = try PGConnection(conninfo: database.cluster.conninfo(database: "postgres"))
            try admin.execute("CREATE ROLE \(role) LOGIN IN ROLE tierd_runtime")
        }
        return database.conninfo + " user=\(role)"
    }

    /// The SQLSTATE a statement fails with, or nil when it succeeds.
    static func sqlState(_ sql: String, on connection: PGConnection) -> String? {
        do {
            try connection.execute(sql)
            return nil
        } catch let error as PGError {
            return error.sqlState ?? "no sqlstate: \(error)"
        } catch {
            return "\(error)"
        }
    }

    @Test func theRuntimeRoleReadsAndWritesDataButNotTheSchemaOrTheRecords() async throws {
        let database = try await TestDatabase.create()
        let conninfo = try await Self.runtimeLogin(for: database)
        let refused = try await TestCluster.offloaded { () -> [String: String?] in
            let owner = try database.connect()
            try owner.executeScript("""
                INSERT INTO branches (code, name) VALUES ('B1', 'Branch one');
                INSERT INTO audit_log (action, principal) VALUES ('x', 'owner');
                """)
            let runtime = try PGConnection(conninfo: conninfo)
            // What serving needs.
            try runtime.execute("SELECT count(*) FROM customers")
            try runtime.execute("UPDATE branches SET name = 'Branch 1' WHERE code = 'B1'")
            try runtime.execute("INSERT INTO audit_log (action, principal) VALUES ('y', 'rt')")
            try runtime.execute("SELECT count(*) FROM api_clients")
            try runtime.execute("SELECT count(*) FROM tierd_schema_migrations")
            try runtime.execute("CREATE TEMP TABLE scratch (x int)")
            // What it must not do.
            let statements = [
                "UPDATE audit_log SET principal = 'someone else'",
                "DELETE FROM audit_log",
                "TRUNCATE audit_log",
                "UPDATE decision_log SET method = 'x'",
                "DELETE FROM decision_log",
                "TRUNCATE decision_log",
                "INSERT INTO api_clients (name, role, token_hash) VALUES ('mine', 'admin', repeat('a', 64))",
                "UPDATE api_clients SET role = 'admin'",
                "DELETE FROM api_clients",
                "INSERT INTO tierd_schema_migrations (version, name, checksum, duration_ms) VALUES (9999, 'x', 'x', 0)",
                "DELETE FROM tierd_schema_migrations",
                "CREATE TABLE mine (x int)",
                "ALTER TABLE customers ADD COLUMN x int",
                "DROP TABLE tasks",
                "CREATE INDEX ON customers (name)",
                "ALTER TABLE audit_log DISABLE TRIGGER ALL",
                "CREATE ROLE sneaky LOGIN",
            ]
            var states: [String: String?] = [:]
            for statement in statements { states[statement] = Self.sqlState(statement, on: runtime) }
            // Granting itself what it lacks does nothing: it holds no grant option.
            _ = Self.sqlState("GRANT UPDATE, DELETE ON audit_log TO CURRENT_USER", on: runtime)
            states["UPDATE audit_log after a self-grant"] = Self.sqlState("UPDATE audit_log SET principal = 'x'", on: runtime)
            return states
        }
        for (statement, state) in refused.sorted(by: { $0.key < $1.key }) {
            #expect(state == "42501", "\(statement)")
        }
        let audit = try await TestCluster.offloaded {
            try database.connect().execute("SELECT principal FROM audit_log ORDER BY id").map { try $0.decode(0, as: String.self) }
        }
        #expect(audit == ["owner", "rt"])
    }

    @Test func aMigrationRunGrantsTheRuntimeRoleNewTables() async throws {
        let database = try await TestDatabase.create()
        let conninfo = try await Self.runtimeLogin(for: database)
        let states = try await TestCluster.offloaded { () -> (before: String?, after: String?, granted: Bool) in
            let owner = try database.connect()
            try owner.execute("CREATE TABLE later_table (x int)")
            let runtime = try PGConnection(conninfo: conninfo)
            let before = Self.sqlState("INSERT INTO later_table VALUES (1)", on: runtime)
            // Nothing is pending, but a run re-grants all the same.
            try Migrator(migrations: try TestCluster.migrations()).migrate(owner)
            let after = Self.sqlState("INSERT INTO later_table VALUES (1)", on: runtime)
            let granted = try owner.execute("SELECT tierd_grant_runtime()").scalar(Bool.self)
            return (before, after, granted)
        }
        #expect(states.before == "42501")
        #expect(states.after == nil)
        #expect(states.granted)
    }

    @Test func aDaemonServesAsARuntimeLogin() async throws {
        let cluster = try await TestCluster.shared()
        let role = "rt_daemon_\(UInt32.random(in: 0 ... .max))"
        _ = try await TestCluster.offloaded {
            try PGConnection(conninfo: cluster.conninfo(database: "postgres")).execute("CREATE ROLE \(role) LOGIN IN ROLE tierd_runtime")
        }
        try await withDaemon(customers: 60, configure: { $0.database += " user=\(role)" }) { daemon in
            let counter = try await daemon.client(.counter)
            let admin = try await daemon.client(.policyAdmin)
            let answer = try await counter.call(EntitlementsGet.self, .init(customerId: 1, channel: "counter"))
            #expect(answer.customerId == 1)
            let branch = try await daemon.query { try $0.execute("SELECT code FROM branches ORDER BY id LIMIT 1").scalar(String.self) }
            let upserted = try await admin.call(FactsCustomerUpsert.self, .init(
                externalId: "RT-1", name: "运行角色", gender: "female", birthDate: "1990-01-02", phone: nil, branch: branch))
            #expect(upserted.created)
            let scheduler = try await daemon.client(.scheduler)
            _ = try await scheduler.call(RevisitsList.self, .init(limit: 5, cursor: nil))
            let audited = try await daemon.query { connection in
                try connection.execute("SELECT count(*) FROM audit_log WHERE principal = 'test-policy_admin'").scalar(Int.self)
            }
            #expect(audited >= 1)
            let connectedAs = try await daemon.query { connection in
                try connection.execute(
                    "SELECT count(*) FROM pg_stat_activity WHERE usename = $1 AND datname = current_database()", [role]
                ).scalar(Int.self)
            }
            #expect(connectedAs >= 1, "the daemon's pool did not connect as \(role)")
            await counter.close()
            await admin.close()
            await scheduler.close()
        }
    }
}
