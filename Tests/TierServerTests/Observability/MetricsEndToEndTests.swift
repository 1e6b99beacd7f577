import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
import TierClient
import TierServer
import TierWire

/// A daemon with `http.listen` set, scraped over HTTP as Prometheus would.
@Suite struct MetricsEndToEndTests {
    /// GETs `path` from the daemon's HTTP endpoint: the status and the body.
    static func get(_ path: String, from daemon: TierDaemon) async throws -> (status: Int, body: String) {
        let port = try #require(daemon.httpAddress?.port, "the HTTP endpoint is not bound")
        let (data, response) = try await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(port)\(path)")!)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
    }

    /// The value of the sample line for `series` (name and labels as written), if any.
    static func value(of series: String, in exposition: String) -> Double? {
        exposition.split(separator: "\n").lazy.compactMap { line -> Double? in
            guard line.hasPrefix(series + " ") else { return nil }
            return Double(line.dropFirst(series.count + 1))
        }.first
    }

    @Test func aScrapeShowsRequestsPoolTasksAndRevision() async throws {
        try await withDaemon(customers: 20, configure: { $0.http.listen = "127.0.0.1:0" }) { daemon in
            let counter = try await daemon.client(.counter)
            for customer in 1...5 {
                _ = try await counter.call(EntitlementsGet.self, .init(customerId: Int64(customer)))
            }
            await expectRPCError(.notFound) { _ = try await counter.call(EntitlementsGet.self, .init(customerId: 999_999)) }
            _ = try await daemon.query { connection in
                try connection.execute(
                    "INSERT INTO tasks (kind, customer_id, idempotency_key) VALUES ('revisit', 1, 'm1'), ('revisit', 2, 'm2'), ('sla_escalation', 3, 'm3')")
            }

            let (status, body) = try await Self.get("/metrics", from: daemon.daemon)
            #expect(status == 200)
            #expect(Self.value(of: #"tierd_requests_total{method="entitlements.get",code="ok"}"#, in: body) == 5)
            #expect(Self.value(of: #"tierd_requests_total{method="entitlements.get",code="not_found"}"#, in: body) == 1)
            #expect(Self.value(of: #"tierd_requests_total{method="session.hello",code="ok"}"#, in: body) == 1)
            #expect(Self.value(of: #"tierd_request_duration_seconds_count{method="entitlements.get"}"#, in: body) == 6)
            #expect(Self.value(of: #"tierd_tasks{kind="revisit",status="pending"}"#, in: body) == 2)
            #expect(Self.value(of: #"tierd_tasks{kind="sla_escalation",status="pending"}"#, in: body) == 1)
            #expect(Self.value(of: "tierd_database_up", in: body) == 1)
            #expect(Self.value(of: "tierd_pool_size", in: body) == 4)
            #expect((Self.value(of: "tierd_pool_acquired_total", in: body) ?? 0) >= 6)
            #expect(Self.value(of: "tierd_connections", in: body) == 1)
            let revision = daemon.daemon.policies.current.revision
            #expect(Self.value(of: #"tierd_policy_revision_info{revision="\#(revision)"}"#, in: body) == 1)

            #expect(try await Self.get("/healthz", from: daemon.daemon).status == 200)
            let ready = try await Self.get("/readyz", from: daemon.daemon)
            #expect(ready.status == 200)
            #expect(ready.body == "ready\n")
            #expect(try await Self.get("/nothing", from: daemon.daemon).status == 404)
            await counter.close()
        }
    }

    @Test func theEndpointIsOffUnlessConfigured() async throws {
        try await withDaemon(customers: 5) { daemon in
            #expect(daemon.daemon.httpAddress == nil)
        }
    }
}
