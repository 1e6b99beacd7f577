import Foundation
import NIOCore
import Testing
import TierClient
import TierServer
import TierWire
import TierTestSupport

@Suite(.serialized) struct WireEndToEndTests {
    private func line(_ text: String) -> [UInt8] { Array(text.utf8) + [10] }

    private func helloed(_ daemon: DaemonHarness) async throws -> TierRawConnection {
        let raw = try await TierRawConnection.connect(to: daemon.tcp)
        try await raw.send(line(#"{"jsonrpc":"2.0","id":0,"method":"session.hello","params":{"token":"\#(daemon.tokens[.admin]!)"}}"#))
        let hello = try #require(try await raw.readLine(timeout: .seconds(10 * testWaitScale)))
        #expect(hello.contains(#""principal":"test-admin""#))
        return raw
    }

    @Test func oversizedBadAndBatchedFramesGetErrorsAndTheConnectionSurvives() async throws {
        try await withDaemon(customers: 20, configure: { $0.limits.maxFrameBytes = 4096 }) { daemon in
            let raw = try await helloed(daemon)
            try await raw.send([UInt8](repeating: UInt8(ascii: "x"), count: 20_000) + [10])
            let tooLarge = try #require(try await raw.readLine(timeout: .seconds(10 * testWaitScale)))
            #expect(tooLarge.contains(#""code":"frame_too_large""#))
            #expect(tooLarge.contains(#""id":null"#))

            try await raw.send(line("{not json"))
            #expect(try #require(try await raw.readLine(timeout: .seconds(10 * testWaitScale))).contains(#""code":"parse_error""#))

            try await raw.send([0xFF, 0xFE, 10])
            #expect(try #require(try await raw.readLine(timeout: .seconds(10 * testWaitScale))).contains(#""code":"parse_error""#))

            // A notification gets no answer: the next line read answers the request after it.
            try await raw.send(line(#"{"jsonrpc":"2.0","method":"health.check"}"#))
            try await raw.send(line(#"{"jsonrpc":"2.0","id":"after","method":"policy.status"}"#))
            let status = try #require(try await raw.readLine(timeout: .seconds(10 * testWaitScale)))
            #expect(status.contains(#""id":"after""#))

            try await raw.send(line(#"[{"jsonrpc":"2.0","id":1,"method":"policy.status"},{"jsonrpc":"2.0","method":"health.check"},{"jsonrpc":"2.0","id":2,"method":"no.such"},{"x":1}]"#))
            let batch = try #require(try await raw.readLine(timeout: .seconds(10 * testWaitScale)))
            let replies = try RPCReplyParser.parse(ByteBuffer(string: batch))
            #expect(replies.count == 3)
            #expect(replies.contains { $0.id == .int(1) && (try? $0.outcome.get()) != nil })
            #expect(replies.contains { reply in
                if case .failure(let error) = reply.outcome { return reply.id == .int(2) && error.code == .methodNotFound }
                return false
            })
            #expect(replies.contains { reply in
                if case .failure(let error) = reply.outcome { return reply.id == .null && error.code == .invalidRequest }
                return false
            })

            try await raw.send(line(#"{"jsonrpc":"2.0","id":9,"method":"entitlements.get","params":{"customer_id":"one"}}"#))
            let invalid = try #require(try await raw.readLine(timeout: .seconds(10 * testWaitScale)))
            #expect(invalid.contains(#""code":"invalid_params""#))
            #expect(invalid.contains(#""path":"params.customer_id""#))
            await raw.close()
        }
    }

    @Test func pipelinedCallsOnOneConnectionAreAllAnswered() async throws {
        try await withDaemon(customers: 100) { daemon in
            let client = try await daemon.client(.counter)
            let results = try await withThrowingTaskGroup(of: (Int64, EntitlementsGet.Result).self) { group in
                for customer in 1...60 {
                    group.addTask { (Int64(customer), try await client.call(EntitlementsGet.self, .init(customerId: Int64(customer)))) }
                }
                return try await group.reduce(into: [:]) { $0[$1.0] = $1.1 }
            }
            #expect(results.count == 60)
            for (customer, result) in results { #expect(result.customerId == customer) }
            #expect(Set(results.values.map(\.decisionId)).count == 60)
            await client.close()
        }
    }

    @Test func requestsBeyondTheInFlightLimitAreOverloaded() async throws {
        try await withDaemon(customers: 20, configure: { $0.limits.maxInFlight = 3 }) { daemon in
            let raw = try await helloed(daemon)
            let calls = (1...8).map { #"{"jsonrpc":"2.0","id":\#($0),"method":"entitlements.get","params":{"customer_id":\#($0)}}"# }
            try await raw.send(line("[" + calls.joined(separator: ",") + "]"))
            let batch = try #require(try await raw.readLine(timeout: .seconds(20 * testWaitScale)))
            let replies = try RPCReplyParser.parse(ByteBuffer(string: batch))
            #expect(replies.count == 8)
            let overloaded = replies.filter { reply in
                if case .failure(let error) = reply.outcome { return error.code == .overloaded }
                return false
            }
            #expect(overloaded.count == 5)
            await raw.close()
        }
    }
}
