import Foundation
import NIOCore
import Testing
import TierClient
import TierServer
import TierWire
import TierTestSupport

/// Broken and hostile clients over a real socket: each gets a JSON-RPC error or a
/// clean close, and the daemon keeps serving everyone else.
/// (Oversized lines, bad JSON, invalid UTF-8 and mixed batches are in
/// WireEndToEndTests; stalls, floods and slow readers in ConnectionLimits and
/// SlowReader tests.)
@Suite(.serialized) struct HostileInputEndToEndTests {
    private func helloed(_ daemon: DaemonHarness) async throws -> TierRawConnection {
        let raw = try await TierRawConnection.connect(to: daemon.tcp)
        try await raw.sendLine(#"{"jsonrpc":"2.0","id":0,"method":"session.hello","params":{"token":"\#(daemon.tokens[.admin]!)"}}"#)
        #expect(try await raw.nextText(timeout: .seconds(10 * testWaitScale)).contains(#""principal":"test-admin""#))
        return raw
    }

    /// The daemon still answers a plain call on a fresh connection.
    private func stillServes(_ daemon: DaemonHarness) async throws {
        let client = try await daemon.client(.counter)
        #expect(try await client.call(EntitlementsGet.self, .init(customerId: 1)).customerId == 1)
        await client.close()
    }

    @Test func aHundredMegabyteLineStreamedInPiecesIsDiscardedAndTheConnectionGoesOn() async throws {
        // The read timeout (tested in ConnectionLimitsEndToEndTests) would close a line
        // that takes long; under a sanitizer, sending 100 MB does.
        try await withDaemon(customers: 20, configure: { $0.limits.readTimeoutSeconds = 900 }) { daemon in
            let raw = try await helloed(daemon)
            let chunk = [UInt8](repeating: UInt8(ascii: "a"), count: 1 << 20)
            try await raw.send(Array(#"{"jsonrpc":"2.0","id":1,"method":"health.check","params":{"x":""#.utf8))
            for index in 0..<100 {
                try await raw.send(chunk)
                if index % 25 == 24 { try await Task.sleep(for: .milliseconds(20)) }
            }
            try await raw.send(Array(#""}}"#.utf8) + [10])
            let reply = try await raw.nextText(timeout: .seconds(300))
            #expect(reply.contains(#""code":"frame_too_large""#))
            try await raw.sendLine(#"{"jsonrpc":"2.0","id":2,"method":"health.check"}"#)
            #expect(try await raw.nextText(timeout: .seconds(10 * testWaitScale)).contains(#""id":2"#))
            await raw.close()
            try await stillServes(daemon)
        }
    }

    @Test func deepNestingHugeBatchesAndBadShapesGetErrors() async throws {
        try await withDaemon(customers: 20) { daemon in
            let raw = try await helloed(daemon)
            // 100,000 levels of nesting, inside and outside params.
            let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
            try await raw.sendLine(deep)
            #expect(try await raw.nextText(timeout: .seconds(10 * testWaitScale)).contains("too deeply nested"))
            try await raw.sendLine(#"{"jsonrpc":"2.0","id":3,"method":"entitlements.get","params":{"customer_id":1,"x":"# + deep + "}}")
            #expect(try await raw.nextText(timeout: .seconds(10 * testWaitScale)).contains("too deeply nested"))

            // A batch of 20,000 calls (within the frame limit) is refused whole.
            let call = #"{"jsonrpc":"2.0","id":1,"method":"health.check"}"#
            try await raw.sendLine("[" + Array(repeating: call, count: 20_000).joined(separator: ",") + "]")
            let batch = try await raw.nextText(timeout: .seconds(10 * testWaitScale))
            #expect(batch.contains(#""code":"invalid_request""#) && batch.contains("batch"), "\(batch.prefix(300))")

            // Wrong types, missing and extra members, null params, unknown methods.
            let cases: [(String, String)] = [
                (#"{"jsonrpc":"2.0","id":4,"method":"entitlements.get","params":{}}"#, #""path":"params.customer_id""#),
                (#"{"jsonrpc":"2.0","id":5,"method":"entitlements.get","params":{"customer_id":true}}"#, #""code":"invalid_params""#),
                (#"{"jsonrpc":"2.0","id":6,"method":"entitlements.get","params":{"customer_id":1e400}}"#, #""code":"parse_error""#),
                (#"{"jsonrpc":"2.0","id":7,"method":"entitlements.get","params":{"customer_id":99999999999999999999}}"#, #""code":"invalid_params""#),
                (#"{"jsonrpc":"2.0","id":8,"method":"entitlements.get","params":null}"#, #""code":"invalid_request""#),
                (#"{"jsonrpc":"2.0","id":9,"method":"entitlements.get","params":[1]}"#, #""code":"invalid_params""#),
                (#"{"jsonrpc":"2.0","id":10,"method":"greenchannel.open","params":{"customer_id":1}}"#, #""code":"invalid_params""#),
                (#"{"jsonrpc":"2.0","id":11,"method":"no.such.method"}"#, #""code":"method_not_found""#),
                (#"{"jsonrpc":"2.0","id":12,"method":""}"#, #""code":"method_not_found""#),
                (#"{"jsonrpc":"2.0","id":13,"method":7}"#, #""code":"invalid_request""#),
                (#"{"jsonrpc":"2.0","id":{"a":1},"method":"health.check"}"#, #""code":"invalid_request""#),
                (#"{"id":14,"method":"health.check"}"#, #""code":"invalid_request""#),
                // A byte-order mark before the JSON is tolerated.
                ("\u{FEFF}" + #"{"jsonrpc":"2.0","id":15,"method":"health.check"}"#, #""id":15"#),
            ]
            for (request, expected) in cases {
                try await raw.sendLine(request)
                let reply = try await raw.nextText(timeout: .seconds(10 * testWaitScale))
                #expect(reply.contains(expected), "\(request) → \(reply)")
                #expect(reply.contains(#""error""#) || reply.contains(#""result""#))
            }
            // Extra members are ignored: the call is answered.
            try await raw.sendLine(#"{"jsonrpc":"2.0","id":16,"method":"entitlements.get","params":{"customer_id":1,"surplus":[1,2,3]},"extra":"x"}"#)
            #expect(try await raw.nextText(timeout: .seconds(10 * testWaitScale)).contains(#""customer_id":1"#))
            await raw.close()
            try await stillServes(daemon)
        }
    }

    @Test func unknownMethodsBeforeHelloAreUnauthenticated() async throws {
        try await withDaemon(customers: 20) { daemon in
            let raw = try await TierRawConnection.connect(to: daemon.tcp)
            try await raw.sendLine(#"{"jsonrpc":"2.0","id":1,"method":"no.such.method"}"#)
            #expect(try await raw.nextText(timeout: .seconds(10 * testWaitScale)).contains(#""code":"unauthenticated""#))
            try await raw.sendLine(#"[{"jsonrpc":"2.0","id":2,"method":"policy.reload"},{"jsonrpc":"2.0","id":3,"method":"jobs.run","params":{"job":"sla"}}]"#)
            let batch = try await raw.nextText(timeout: .seconds(10 * testWaitScale))
            #expect(batch.components(separatedBy: #""code":"unauthenticated""#).count == 3, "\(batch)")
            await raw.close()
        }
    }

    @Test func aFloodOfConnectionsBeyondTheLimitIsRefusedAndServiceGoesOn() async throws {
        try await withDaemon(customers: 20, configure: { $0.limits.maxConnections = 20 }) { daemon in
            // Every connection is opened before any is closed: an accepted one that closed
            // early would free a slot for a later one, more so on a slow machine.
            let connections = await withTaskGroup(of: TierRawConnection?.self) { group in
                for _ in 0..<120 {
                    group.addTask { try? await TierRawConnection.connect(to: daemon.tcp) }
                }
                return await group.reduce(into: [TierRawConnection?]()) { $0.append($1) }
            }
            #expect(daemon.daemon.tracker.connections <= 20)
            let outcomes = await withTaskGroup(of: Bool.self) { group in
                for raw in connections {
                    group.addTask {
                        // True when this connection was refused (told, then closed).
                        guard let raw else { return true }
                        return (try? await raw.readLine(timeout: .seconds(2 * testWaitScale)))??.contains("overloaded") ?? false
                    }
                }
                return await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            for raw in connections { await raw?.close() }
            #expect(outcomes.filter { $0 }.count >= 100 - 20, "refused: \(outcomes.filter { $0 }.count) of 120")
            // Once the flood has gone, a new client is served.
            try await waitUntil("the flood's connections are closed") { daemon.daemon.tracker.connections == 0 }
            try await stillServes(daemon)
        }
    }
}
