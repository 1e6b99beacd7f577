import Foundation
import Testing
import TierClient
import TierServer
import TierWire
import TierTestSupport

@Suite(.serialized) struct SessionEndToEndTests {
    @Test func callsBeforeHelloAreUnauthenticatedAndBadTokensCloseTheConnection() async throws {
        try await withDaemon(customers: 50) { daemon in
            let raw = try await TierRawConnection.connect(to: daemon.tcp)
            try await raw.send(Array(#"{"jsonrpc":"2.0","id":1,"method":"entitlements.get","params":{"customer_id":1}}"#.utf8) + [10])
            let refused = try #require(try await raw.readLine(timeout: .seconds(10 * testWaitScale)))
            #expect(refused.contains(#""code":"unauthenticated""#))
            #expect(refused.contains(#""id":1"#))
            for attempt in 1...3 {
                try await raw.send(Array(#"{"jsonrpc":"2.0","id":\#(attempt + 1),"method":"session.hello","params":{"token":"tdk_wrong"}}"#.utf8) + [10])
                let reply = try #require(try await raw.readLine(timeout: .seconds(10 * testWaitScale)))
                #expect(reply.contains(#""code":"unauthenticated""#))
            }
            // The third failure closes the connection.
            #expect(try await raw.readLine(timeout: .seconds(10 * testWaitScale)) == nil)
            await raw.close()
        }
    }

    @Test func failedHellosFromOneAddressAreThrottledAcrossConnections() async throws {
        try await withDaemon(customers: 20, configure: {
            $0.limits.helloFailuresPerAddress = 4
            $0.limits.helloFailureWindowSeconds = 600
        }) { daemon in
            // Four guesses over two connections (a connection closes after 3 failures).
            let guess = "tdk_" + String(repeating: "0", count: 80)
            for connection in 0..<2 {
                let client = try await TierClient.connect(to: daemon.tcp)
                for _ in 0..<2 { await expectRPCError(.unauthenticated) { _ = try await client.hello(token: guess) } }
                await client.close()
                _ = connection
            }
            // Now even a good token from this address is refused, with when to retry.
            let refused = try await TierClient.connect(to: daemon.tcp)
            do {
                _ = try await refused.hello(token: daemon.tokens[.counter]!)
                Issue.record("a throttled address got a session")
            } catch let error as RPCError {
                #expect(error.code == .unauthenticated)
                #expect(error.message.contains("too many failed hellos"))
                guard case .int(let seconds)? = error.data["retry_after_seconds"] else {
                    Issue.record("no retry_after_seconds in \(error)")
                    return
                }
                #expect(seconds > 500 && seconds <= 601)
            }
            await refused.close()
            // Another address (the Unix socket's peers count as `local`) is not affected.
            let local = try await TierClient.connect(to: try TierAddress.parse("unix://" + daemon.socketPath))
            #expect(try await local.hello(token: daemon.tokens[.counter]!).role == .counter)
            await local.close()
        }
    }

    @Test func eachRoleMayCallOnlyItsOwnMethods() async throws {
        try await withDaemon(customers: 50) { daemon in
            let scheduler = try await daemon.client(.scheduler)
            do {
                _ = try await scheduler.call(EntitlementsGet.self, .init(customerId: 1))
                Issue.record("scheduler got entitlements")
            } catch let error as RPCError {
                #expect(error.code == .forbidden)
            }
            let counter = try await daemon.client(.counter)
            do {
                _ = try await counter.call(PolicyReload.self, NoParams())
                Issue.record("counter reloaded the policy")
            } catch let error as RPCError {
                #expect(error.code == .forbidden)
            }
            let policyAdmin = try await daemon.client(.policyAdmin)
            do {
                _ = try await policyAdmin.call(
                    GreenChannelOpen.self, .init(customerId: 1, kind: "claims", branch: "SH01", staffId: 1, idempotencyKey: "k"))
                Issue.record("policy_admin opened a green channel")
            } catch let error as RPCError {
                #expect(error.code == .forbidden)
            }
            let hello = try await TierClient.connect(to: daemon.tcp)
            let session = try await hello.hello(token: daemon.tokens[.scheduler]!)
            #expect(session.role == .scheduler)
            #expect(session.methods.contains(RevisitsList.name))
            #expect(!session.methods.contains(EntitlementsGet.name))
            #expect(session.revision == daemon.daemon.policies.current.revision)
            for client in [scheduler, counter, policyAdmin, hello] { await client.close() }
        }
    }

    @Test func theUnixSocketServesTheSameProtocol() async throws {
        try await withDaemon(customers: 50) { daemon in
            let client = try await daemon.client(.admin, over: try TierAddress.parse(daemon.socketPath))
            let health = try await client.call(HealthCheck.self, NoParams())
            #expect(health.status == "ok")
            #expect(health.database == "ok")
            #expect(health.revision == daemon.daemon.policies.current.revision)
            await client.close()
        }
    }
}
