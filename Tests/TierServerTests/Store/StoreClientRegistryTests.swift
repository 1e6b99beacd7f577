import Foundation
import Testing
@testable import TierServer
import TierStore
import TierTestSupport
import TierWire

/// API clients: random tokens, only their hashes stored, revocation, audit.
@Suite struct StoreClientRegistryTests {
    @Test func addAuthenticateRevoke() async throws {
        let store = try await StoreDatabase.make()
        let issued = try await store.query { try ClientRegistry.add(name: "counter-1", role: .counter, principal: "cli:root", on: $0) }
        #expect(issued.name == "counter-1")
        #expect(issued.role == .counter)
        #expect(issued.token.hasPrefix("tdk_"))
        #expect(issued.token.count == 4 + 16 + 64)
        #expect(issued.token.dropFirst(4).allSatisfy { $0.isHexDigit && !$0.isUppercase })

        let row = try await store.query { connection in
            try connection.execute("SELECT token_id, token_salt, token_hash FROM api_clients WHERE name = 'counter-1'")
                .map { [try $0.decode(0, as: String.self), try $0.decode(1), try $0.decode(2)] }[0]
        }
        let (id, salt, stored) = (row[0], row[1], row[2])
        #expect(id == String(issued.token.dropFirst(4).prefix(16)))
        #expect(salt.count == 32)
        #expect(stored.count == 64)
        let secret = issued.token.dropFirst(4 + 16)
        #expect(!stored.contains(secret) && stored != SHA256Hex.of(issued.token))
        // The stored hash is SHA-256(salt ‖ SHA-256(token)), computed independently here.
        let independent = try await store.value(
            "SELECT encode(sha256(decode($1, 'hex') || sha256(convert_to($2, 'UTF8'))), 'hex')", [salt, issued.token],
            as: String.self)
        #expect(stored == independent)

        let principal = try await store.query { try ClientRegistry.authenticate(token: issued.token, on: $0) }
        #expect(principal == Principal(name: "counter-1", role: .counter))
        #expect(try await store.query { try ClientRegistry.authenticate(token: issued.token + "0", on: $0) } == nil)
        #expect(try await store.query { try ClientRegistry.authenticate(token: "", on: $0) } == nil)
        #expect(try await store.query { try ClientRegistry.authenticate(token: stored, on: $0) } == nil)
        // The right id with a wrong secret, and the secret under another id.
        let flipped = String(issued.token.dropLast()) + (issued.token.hasSuffix("0") ? "1" : "0")
        #expect(try await store.query { try ClientRegistry.authenticate(token: flipped, on: $0) } == nil)
        let otherID = "tdk_" + String(repeating: "f", count: 16) + secret
        #expect(try await store.query { try ClientRegistry.authenticate(token: otherID, on: $0) } == nil)

        try await store.query { try ClientRegistry.revoke(name: "counter-1", principal: "cli:root", on: $0) }
        #expect(try await store.query { try ClientRegistry.authenticate(token: issued.token, on: $0) } == nil)
        // Revoking again changes nothing and is not audited again.
        try await store.query { try ClientRegistry.revoke(name: "counter-1", principal: "cli:root", on: $0) }

        let audit = try await store.query { connection in
            try connection.execute(
                "SELECT action, principal, target_kind, target_id FROM audit_log ORDER BY id"
            ).map { [try $0.decode(0, as: String.self), try $0.decode(1), try $0.decode(2), try $0.decode(3)] }
        }
        #expect(audit == [
            ["api_client.add", "cli:root", "api_client", "counter-1"],
            ["api_client.revoke", "cli:root", "api_client", "counter-1"],
        ])
        await store.close()
    }

    @Test func aTokenIssuedBeforeSaltingStillAuthenticates() async throws {
        let database = try await TestDatabase.create(migrated: false)
        let legacy = "tdk_" + String(repeating: "3c", count: 32)
        let principal = try await TestCluster.offloaded { () -> Principal? in
            let connection = try database.connect()
            let all = try TestCluster.migrations()
            try Migrator(migrations: all.filter { $0.version < 14 }).migrate(connection)
            try connection.execute(
                "INSERT INTO api_clients (name, role, token_hash) VALUES ('old-pas', 'policy_admin', encode(sha256(convert_to($1, 'UTF8')), 'hex'))",
                [legacy])
            try Migrator(migrations: all).migrate(connection)
            return try ClientRegistry.authenticate(token: legacy, on: connection)
        }
        #expect(principal == Principal(name: "old-pas", role: .policyAdmin))
        let stored = try await TestCluster.offloaded {
            try database.connect().execute("SELECT token_hash FROM api_clients").scalar(String.self)
        }
        #expect(stored != SHA256Hex.of(legacy), "the plain SHA-256 is still stored")
    }

    @Test func tokensDiffer() async throws {
        let store = try await StoreDatabase.make()
        let tokens = try await store.query { connection in
            try (0..<5).map { try ClientRegistry.add(name: "c\($0)", role: .scheduler, principal: "cli:root", on: connection).token }
        }
        #expect(Set(tokens).count == 5)
        await store.close()
    }

    @Test func duplicateNameIsAConflictAndUnknownNameIsNotFound() async throws {
        let store = try await StoreDatabase.make()
        _ = try await store.query { try ClientRegistry.add(name: "admin-1", role: .admin, principal: "cli:root", on: $0) }
        try await store.query { try ClientRegistry.revoke(name: "admin-1", principal: "cli:root", on: $0) }
        await expectRPCError(.conflict) {
            _ = try await store.query { try ClientRegistry.add(name: "admin-1", role: .admin, principal: "cli:root", on: $0) }
        }
        await expectRPCError(.invalidParams, path: "params.name") {
            _ = try await store.query { try ClientRegistry.add(name: "  ", role: .admin, principal: "cli:root", on: $0) }
        }
        await expectRPCError(.notFound) {
            try await store.query { try ClientRegistry.revoke(name: "nobody", principal: "cli:root", on: $0) }
        }
        #expect(try await store.value("SELECT count(*) FROM audit_log WHERE action = 'api_client.add'", as: Int.self) == 1)
        await store.close()
    }

    @Test func listShowsRolesAndRevocations() async throws {
        let store = try await StoreDatabase.make()
        let clients = try await store.query { connection -> [RegisteredClient] in
            _ = try ClientRegistry.add(name: "b-sched", role: .scheduler, principal: "cli:root", on: connection)
            _ = try ClientRegistry.add(name: "a-pas", role: .policyAdmin, principal: "cli:root", on: connection)
            try ClientRegistry.revoke(name: "b-sched", principal: "cli:root", on: connection)
            return try ClientRegistry.list(on: connection)
        }
        #expect(clients.map(\.name) == ["a-pas", "b-sched"])
        #expect(clients.map(\.role) == [.policyAdmin, .scheduler])
        #expect(clients[0].revokedAt == nil)
        #expect(clients[1].revokedAt != nil)
        await store.close()
    }
}
