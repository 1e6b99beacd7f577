import Foundation
import TierSync
import Testing
import TierClient
import TierServer
import TierWire

@Suite(.serialized) struct TaskSubscribeEndToEndTests {
    /// Collects pushed notifications.
    final class Inbox: Sendable {
        private let received = Locked<[String?]>([])

        func add(_ request: RPCRequest) {
            guard request.method == TasksAvailable.method else { return }
            let kind: String? = if case .string(let kind)? = request.params?["kind"] { kind } else { nil }
            received.withLock { $0.append(kind) }
        }

        var kinds: [String?] { received.withLock { $0 } }

        /// Waits until a notification for `kind` arrived (polling; gives up after `seconds`).
        func waitFor(_ kind: String, seconds: Int) async throws -> Bool {
            try await eventually(seconds: seconds) { self.kinds.contains(kind) }
        }
    }

    @Test func aTaskMadeThroughOneDaemonIsAnnouncedToSubscribersOfAnother() async throws {
        try await withDaemon(customers: 20) { daemon in
            let (second, secondAddress) = try await daemon.anotherDaemon()
            let inbox = Inbox()
            var options = TierClientOptions()
            options.onNotification = { inbox.add($0) }
            let scheduler = try await TierClient.connect(to: secondAddress, options: options)
            _ = try await scheduler.hello(token: daemon.tokens[.scheduler]!)
            let subscribed = try await scheduler.call(TasksSubscribe.self, .init(kinds: ["revisit"]))
            #expect(subscribed.kinds == ["revisit"])
            // The second daemon's task listener may still be connecting, and its "any kind"
            // announcement may have gone out before the subscription; so new tasks are made
            // until one is announced. Both kinds commit together, in order, each time.
            var round = 0
            let announced = try await eventually {
                round += 1
                let key = round
                _ = try await daemon.query { connection in
                    try connection.execute(
                        "INSERT INTO tasks (kind, customer_id, idempotency_key) VALUES ('tier_change', 1, 'c\(key)'), ('revisit', 1, 'r\(key)')")
                }
                return try await inbox.waitFor("revisit", seconds: 1)
            }
            #expect(announced)
            #expect(!inbox.kinds.contains("tier_change"), "a kind not subscribed to was pushed")

            await expectRPCError(.invalidParams, path: "params.kinds") {
                _ = try await scheduler.call(TasksSubscribe.self, .init(kinds: []))
            }
            await expectRPCError(.invalidParams, path: "params.kinds[0]") {
                _ = try await scheduler.call(TasksSubscribe.self, .init(kinds: ["Not A Kind"]))
            }
            let counter = try await daemon.client(.counter)
            await expectRPCError(.forbidden) { _ = try await counter.call(TasksSubscribe.self, .init()) }
            await scheduler.close()
            await counter.close()
            await second.shutdown()
        }
    }
}
