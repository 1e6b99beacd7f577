import Foundation
import Testing
import TierClient
import TierServer
import TierWire

@Suite(.serialized) struct ShutdownEndToEndTests {
    @Test func shutdownFinishesRequestsInFlightAndWritesTheDecisionLog() async throws {
        // No facts cache: every request reads the database, where a lock holds it.
        let daemon = try await DaemonHarness.start(customers: 200, configure: { $0.factsCache.capacity = 0 })
        let client = try await daemon.client(.counter)
        // Another session locks customers, so the calls stay in flight until shutdown has begun.
        let lock = try await CustomersLock.take(on: daemon.database)

        let calls = 50
        let answered = try await withThrowingTaskGroup(of: Bool.self) { group in
            for customer in 1...calls {
                group.addTask {
                    (try? await client.call(EntitlementsGet.self, .init(customerId: Int64(customer)))) != nil
                }
            }
            try await waitUntil("every call is in flight") { daemon.daemon.tracker.inFlight == calls }
            let stopping = Task { await daemon.stop() }
            // Shutdown has begun once the listener refuses new connections.
            try await waitUntil("the listener is closed") {
                guard let probe = try? await TierClient.connect(to: daemon.tcp) else { return true }
                await probe.close()
                return false
            }
            try await lock.release()
            await stopping.value
            var answered = 0
            for try await ok in group where ok { answered += 1 }
            return answered
        }
        // Every request in flight when shutdown began was answered, and logged.
        #expect(answered == calls)
        let logged = try await daemon.query { try $0.execute("SELECT count(*) FROM decision_log").scalar(Int.self) }
        #expect(logged == calls, "every answered decision is in the log after shutdown")
        await client.close()
    }
}
