import Foundation
import Testing
import TierServer
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
        #expect(issued.token.count == 4 + 64)
        #expect(issued.token.dropFirst(4).allSatisfy { $0.isHexDigit && !$0.isUppercase })

        let stored = try await store.value("SELECT token_hash FROM api_clients WHERE name = 'counter-1'", as: String.self)
        #expect(stored.count == 64)
        #expect(stored != issued.token && !stored.contains(issued.token.dropFirst(4)))

        let principal = try await store.query { try ClientRegistry.authenticate(token: issued.token, on: $0) }
        #expect(principal == Principal(name: "counter-1", role: .counter))
        #expect(try await store.query { try ClientRegistry.authenticate(token: issued.token + "0", on: $0) } == nil)
        #expect(try await store.query { try ClientRegistry.authenticate(token: "", on: $0) } == nil)
        #expect(try await store.query { try ClientRegistry.authenticate(token: stored, on: $0) } == nil)

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
