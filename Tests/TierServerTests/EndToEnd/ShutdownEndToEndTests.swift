import Foundation
import Testing
import TierClient
import TierServer
import TierWire

@Suite(.serialized) struct ShutdownEndToEndTests {
    @Test func shutdownFinishesRequestsInFlightAndWritesTheDecisionLog() async throws {
        let daemon = try await DaemonHarness.start(customers: 200)
        let client = try await daemon.client(.counter)
        let answered = try await withThrowingTaskGroup(of: Bool.self) { group in
            for customer in 1...50 {
                group.addTask {
                    (try? await client.call(EntitlementsGet.self, .init(customerId: Int64(customer)))) != nil
                }
            }
            // Shut down while the calls are in flight.
            while daemon.daemon.tracker.inFlight == 0 { try await Task.sleep(for: .milliseconds(1)) }
            let inFlightAtShutdown = daemon.daemon.tracker.inFlight
            await daemon.stop()
            var answered = 0
            for try await ok in group where ok { answered += 1 }
            return (answered, inFlightAtShutdown)
        }
        // Every request in flight when shutdown began was answered.
        #expect(answered.0 >= answered.1)
        #expect(answered.1 > 0)
        let logged = try await daemon.query { try $0.execute("SELECT count(*) FROM decision_log").scalar(Int.self) }
        #expect(logged >= answered.0, "every answered decision is in the log after shutdown")
        await client.close()
    }
}
