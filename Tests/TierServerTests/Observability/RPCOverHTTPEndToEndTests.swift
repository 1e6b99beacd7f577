import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
@testable import TierServer
import TierWire

/// `POST /rpc` with `http.rpc` on: protocol v1 over HTTP, a bearer token per request.
@Suite struct RPCOverHTTPEndToEndTests {
    /// POSTs `body` to `/rpc`: the status, the body and the `WWW-Authenticate` header.
    static func post(_ body: String, token: String?, to daemon: TierDaemon, method: String = "POST") async throws
        -> (status: Int, body: String, challenge: String?)
    {
        let port = try #require(daemon.httpAddress?.port, "the HTTP endpoint is not bound")
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)/rpc")!)
        request.httpMethod = method
        if method == "POST" { request.httpBody = Data(body.utf8) }
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        let (data, response) = try await URLSession.shared.data(for: request)
        let http = response as? HTTPURLResponse
        return (http?.statusCode ?? 0, String(decoding: data, as: UTF8.self), http?.value(forHTTPHeaderField: "WWW-Authenticate"))
    }

    @Test func callsCarryTheSocketProtocolsRolesResultsAndErrors() async throws {
        try await withDaemon(customers: 20, configure: { $0.http.listen = "127.0.0.1:0"; $0.http.rpc = true }) { daemon in
            let counter = daemon.tokens[.counter]!
            let get = #"{"jsonrpc":"2.0","id":7,"method":"entitlements.get","params":{"customer_id":3}}"#
            let answer = try await Self.post(get, token: counter, to: daemon.daemon)
            #expect(answer.status == 200)
            let result = try JSONDecoder().decode(JSONValue.self, from: Data(answer.body.utf8))
            #expect(result["id"] == .int(7))
            #expect(result["result"]?["customer_id"] == .int(3))

            // The token decides the role, as a hello would.
            let reload = try await Self.post(#"{"jsonrpc":"2.0","id":8,"method":"policy.reload"}"#, token: counter, to: daemon.daemon)
            #expect(reload.status == 200 && reload.body.contains(#""code":"forbidden""#))
            let hello = try await Self.post(
                #"{"jsonrpc":"2.0","id":9,"method":"session.hello","params":{"token":"x"}}"#, token: counter, to: daemon.daemon)
            #expect(hello.body.contains(#""code":"invalid_request""#))

            // A batch answers each call; notifications alone get no body.
            let batch = try await Self.post(
                #"[{"jsonrpc":"2.0","id":1,"method":"health.check"},{"jsonrpc":"2.0","id":2,"method":"entitlements.get","params":{"customer_id":999999}}]"#,
                token: counter, to: daemon.daemon)
            let answers = try JSONDecoder().decode([JSONValue].self, from: Data(batch.body.utf8))
            #expect(answers.count == 2)
            #expect(answers.contains { $0["id"] == .int(2) && $0["error"]?["data"]?["code"] == .string("not_found") })
            let quiet = try await Self.post(#"{"jsonrpc":"2.0","method":"health.check"}"#, token: counter, to: daemon.daemon)
            #expect(quiet.status == 204 && quiet.body.isEmpty)

            // No token, or a wrong one: 401 with a challenge.
            let anonymous = try await Self.post(get, token: nil, to: daemon.daemon)
            #expect(anonymous.status == 401 && anonymous.challenge?.hasPrefix("Bearer") == true)
            #expect(anonymous.body.contains(#""code":"unauthenticated""#))
            #expect(try await Self.post(get, token: "tdk_wrong", to: daemon.daemon).status == 401)
            #expect(try await Self.post("", token: counter, to: daemon.daemon, method: "GET").status == 405)

            let counted = try await MetricsEndToEndTests.get("/metrics", from: daemon.daemon).body
            #expect(MetricsEndToEndTests.value(of: #"tierd_requests_total{method="entitlements.get",code="ok"}"#, in: counted) == 1)
        }
    }

    @Test func rpcIsOffUnlessAskedFor() async throws {
        try await withDaemon(customers: 5, configure: { $0.http.listen = "127.0.0.1:0" }) { daemon in
            let answer = try await Self.post(#"{"jsonrpc":"2.0","id":1,"method":"health.check"}"#, token: daemon.tokens[.admin], to: daemon.daemon)
            #expect(answer.status == 404)
        }
    }

    @Test func onlyABearerTokenCounts() {
        #expect(HTTPRPCBridge.bearerToken("Bearer tdk_abc") == "tdk_abc")
        #expect(HTTPRPCBridge.bearerToken("bearer  tdk_abc ") == "tdk_abc")
        #expect(HTTPRPCBridge.bearerToken("Basic dXNlcjpwYXNz") == nil)
        #expect(HTTPRPCBridge.bearerToken("Bearer") == nil)
        #expect(HTTPRPCBridge.bearerToken(nil) == nil)
    }
}
