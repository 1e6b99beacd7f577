import Foundation
import Testing
import TierClient
@testable import TierServer
import TierTestSupport
import TierWire

/// The HTTP endpoint under the same limits as the protocol's listener: a bounded
/// number of connections, and `POST /rpc` calls a graceful shutdown waits for.
@Suite(.serialized) struct HTTPLimitsEndToEndTests {
    private static func address(of daemon: TierDaemon) throws -> TierAddress {
        .tcp(host: "127.0.0.1", port: try #require(daemon.httpAddress?.port, "the HTTP endpoint is not bound"))
    }

    /// The status line of a `GET /healthz` on `connection`, whose whole answer is
    /// read: up to the body line `ok` (the line reader passes over blank lines).
    private static func healthz(_ connection: TierRawConnection) async throws -> String? {
        try await connection.send(Array("GET /healthz HTTP/1.1\r\nHost: tierd\r\n\r\n".utf8))
        let timeout = Duration.seconds(10 * testWaitScale)
        let status = try await connection.readLine(timeout: timeout)
        for _ in 0..<20 {
            guard let line = try await connection.readLine(timeout: timeout) else { break }
            if line.trimmingCharacters(in: .whitespacesAndNewlines) == "ok" { return status }
        }
        Issue.record("no body after \(status ?? "no status line")")
        return status
    }

    @Test func connectionsBeyondTheHTTPLimitGet503AndAreClosed() async throws {
        try await withDaemon(customers: 5, configure: { $0.http.listen = "127.0.0.1:0"; $0.http.maxConnections = 2 }) { daemon in
            let address = try Self.address(of: daemon.daemon)
            let first = try await TierRawConnection.connect(to: address)
            let second = try await TierRawConnection.connect(to: address)
            // Each answered once, so both are open and counted before the third arrives.
            #expect(try await Self.healthz(first)?.hasPrefix("HTTP/1.1 200") == true)
            #expect(try await Self.healthz(second)?.hasPrefix("HTTP/1.1 200") == true)

            let third = try await TierRawConnection.connect(to: address)
            #expect(try await third.readLine(timeout: .seconds(10 * testWaitScale))?.hasPrefix("HTTP/1.1 503") == true)
            #expect(await third.waitUntilClosed(timeout: .seconds(10 * testWaitScale)))
            // The two within the limit keep being served.
            #expect(try await Self.healthz(first)?.hasPrefix("HTTP/1.1 200") == true)

            // A closed connection makes room for a new one.
            await second.close()
            try await waitUntil("the closed connection is no longer counted") { daemon.daemon.httpConnections.connections == 1 }
            let fourth = try await TierRawConnection.connect(to: address)
            #expect(try await Self.healthz(fourth)?.hasPrefix("HTTP/1.1 200") == true)
            await first.close()
            await fourth.close()
        }
    }

    @Test func shutdownWaitsForAnRPCInFlightAndClosesHTTPConnections() async throws {
        // No facts cache: the call reads the database, where a lock holds it.
        let daemon = try await DaemonHarness.start(customers: 20, configure: {
            $0.factsCache.capacity = 0
            $0.http.listen = "127.0.0.1:0"
            $0.http.rpc = true
        })
        let idle = try await TierRawConnection.connect(to: try Self.address(of: daemon.daemon))
        #expect(try await Self.healthz(idle)?.hasPrefix("HTTP/1.1 200") == true)

        let lock = try await CustomersLock.take(on: daemon.database)

        let token = daemon.tokens[.counter]!
        let call = Task {
            try await RPCOverHTTPEndToEndTests.post(
                #"{"jsonrpc":"2.0","id":1,"method":"entitlements.get","params":{"customer_id":4}}"#, token: token, to: daemon.daemon)
        }
        try await waitUntil("the HTTP call is in flight") { daemon.daemon.httpConnections.inFlight == 1 }
        let stopping = Task { await daemon.stop() }
        try await waitUntil("shutdown has begun") { daemon.daemon.isShuttingDown }
        try await lock.release()
        await stopping.value

        // The call in flight when shutdown began was answered, and its decision logged.
        let answer = try await call.value
        #expect(answer.status == 200)
        let result = try JSONDecoder().decode(JSONValue.self, from: Data(answer.body.utf8))
        #expect(result["result"]?["customer_id"] == .int(4))
        let logged = try await daemon.query { try $0.execute("SELECT count(*) FROM decision_log").scalar(Int.self) }
        #expect(logged == 1)
        // A kept-alive HTTP connection does not outlive the daemon.
        #expect(await idle.waitUntilClosed(timeout: .seconds(10 * testWaitScale)))
    }
}
