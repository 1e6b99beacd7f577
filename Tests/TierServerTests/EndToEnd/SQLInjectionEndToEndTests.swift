import Foundation
import Testing
import TierClient
import TierServer
import TierStore
import TierWire

/// SQL-injection strings through every string parameter of every method.
///
/// The requests are the examples of docs/PROTOCOL.md, one per method, with each string
/// member (and each number, which makes a wrong type) replaced in turn by each payload.
/// Every call must get a proper answer (a result, or an error that is the caller's),
/// never `internal_error`; afterwards no payload has run: the canary table is whole,
/// no table was created, and text stored from a payload is the payload, byte for byte.
@Suite(.serialized) struct SQLInjectionEndToEndTests {
    static let payloads = [
        "' OR '1'='1",
        "'; DROP TABLE injection_canary; --",
        "x'); CREATE TABLE injected_one (x int); --",
        "\"; DROP TABLE customers; --",
        "1; CREATE TABLE injected_two (x int)",
        "$1::text); DELETE FROM injection_canary; --",
        "\\'; DELETE FROM injection_canary; --",
        "%_%",
        "‘ OR 1=1 --",
        "a\u{0}b",
    ]

    /// Errors that are the caller's: a bad value, a missing row, a refusal.
    static let callersErrors: Set<RPCErrorCode> = [.invalidParams, .notFound, .notEntitled, .conflict, .forbidden, .policyInvalid]

    /// The example request of each method in docs/PROTOCOL.md (the first one given).
    static func examples() throws -> [(method: String, params: JSONValue)] {
        let text = try String(contentsOfFile: repositoryRoot() + "/docs/PROTOCOL.md", encoding: .utf8)
        var seen: Set<String> = []
        var examples: [(String, JSONValue)] = []
        for line in text.split(separator: "\n") where line.hasPrefix("→ ") {
            let request = try JSONDecoder().decode(JSONValue.self, from: Data(line.dropFirst(2).utf8))
            guard case .string(let method)? = request["method"], let params = request["params"], seen.insert(method).inserted else {
                continue
            }
            examples.append((method, params))
        }
        return examples
    }

    /// Every variant of `value` with one string or number leaf replaced by `payload`,
    /// with the path of the leaf.
    static func variants(of value: JSONValue, payload: String, path: String = "params") -> [(String, JSONValue)] {
        switch value {
        case .string, .int, .double:
            return [(path, .string(payload))]
        case .object(let members):
            return members.keys.sorted().flatMap { key in
                variants(of: members[key]!, payload: payload, path: path + "." + key).map { leafPath, replaced in
                    var copy = members
                    copy[key] = replaced
                    return (leafPath, JSONValue.object(copy))
                }
            }
        case .array(let items):
            return items.indices.flatMap { index in
                variants(of: items[index], payload: payload, path: path + "[\(index)]").map { leafPath, replaced in
                    var copy = items
                    copy[index] = replaced
                    return (leafPath, JSONValue.array(copy))
                }
            }
        case .null, .bool:
            return []
        }
    }

    @Test func injectionStringsInEveryParameterOfEveryMethodAreOnlyData() async throws {
        try await withDaemon(customers: 60) { daemon in
            try await daemon.query { try $0.executeScript("CREATE TABLE injection_canary (x int); INSERT INTO injection_canary VALUES (1), (2);") }
            let examples = try Self.examples()
            #expect(examples.count >= 20, "docs/PROTOCOL.md lost its examples")
            var clients: [Role: TierClient] = [:]
            var calls = 0
            var failures: [String] = []
            for (method, params) in examples where method != SessionHello.name {
                let entry = try #require(MethodCatalog.entry(named: method), "\(method) is not in the catalogue")
                let role: Role = entry.roles.contains(.admin) ? .admin : try #require(entry.roles.sorted { $0.rawValue < $1.rawValue }.first)
                if clients[role] == nil { clients[role] = try await daemon.client(role) }
                let client = clients[role]!
                for payload in Self.payloads {
                    for (path, variant) in Self.variants(of: params, payload: payload) {
                        calls += 1
                        do {
                            _ = try await client.callRaw(method: method, params: variant)
                        } catch let error as RPCError where Self.callersErrors.contains(error.code) {
                            continue
                        } catch {
                            failures.append("\(method) \(path) = \(payload.debugDescription): \(error)")
                        }
                    }
                }
            }
            #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
            #expect(calls > 300)

            // Tokens too: an injection string is an unknown token, nothing more.
            for payload in Self.payloads.prefix(3) {
                let client = try await TierClient.connect(to: daemon.tcp)
                await expectRPCError(.unauthenticated) { _ = try await client.hello(token: "tdk_" + payload) }
                await client.close()
            }

            let (canary, injected, customers) = try await daemon.query { connection in
                (
                    try connection.execute("SELECT count(*) FROM injection_canary").scalar(Int.self),
                    try connection.execute("SELECT count(*) FROM pg_tables WHERE tablename LIKE 'injected%'").scalar(Int.self),
                    try connection.execute("SELECT count(*) FROM customers").scalar(Int.self)
                )
            }
            #expect(canary == 2)
            #expect(injected == 0)
            #expect(customers >= 60)
            for client in clients.values { await client.close() }
        }
    }

    @Test func textFromAPayloadIsStoredVerbatim() async throws {
        try await withDaemon(customers: 10) { daemon in
            let admin = try await daemon.client(.policyAdmin)
            let branch = try await daemon.query { try $0.execute("SELECT code FROM branches ORDER BY id LIMIT 1").scalar(String.self) }
            for (index, payload) in Self.payloads.enumerated() where !payload.contains("\u{0}") {
                _ = try await admin.call(FactsCustomerUpsert.self, .init(
                    externalId: "INJ-\(index)", name: payload, address: payload, branch: branch))
                let stored = try await daemon.query { connection in
                    try connection.execute("SELECT name, address FROM customers WHERE external_ref = $1", ["INJ-\(index)"])
                        .map { [try $0.decode(0, as: String.self), try $0.decode(1, as: String.self)] }
                }
                #expect(stored == [[payload, payload]])
            }
            // A NUL cannot be stored in PostgreSQL text; it is refused, not cut short.
            await expectRPCError(.invalidParams, path: "params.name") {
                _ = try await admin.call(FactsCustomerUpsert.self, .init(externalId: "INJ-NUL", name: "a\u{0}b", branch: branch))
            }
            await admin.close()
        }
    }
}
