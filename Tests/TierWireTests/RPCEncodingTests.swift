import Foundation
import NIOCore
import Testing
import TierWire

/// A one-member result, so its encoding is byte-for-byte predictable.
private struct Link: Codable, Equatable {
    var url: String
}

@Suite("Response and request encoding")
struct RPCEncodingTests {
    @Test("success responses are compact, keep slashes, and splice the result")
    func successBytes() throws {
        let bytes = try RPCResponseEncoder.success(id: 7, result: Link(url: "https://example.com/a"))
        #expect(bytes.text == #"{"jsonrpc":"2.0","id":7,"result":{"url":"https://example.com/a"}}"#)
        let scalar = try RPCResponseEncoder.success(id: "q\"1", result: 5)
        #expect(scalar.text == #"{"jsonrpc":"2.0","id":"q\"1","result":5}"#)
    }

    @Test("error responses carry the numeric code, the message and data.code")
    func failureBytes() {
        let bytes = RPCResponseEncoder.failure(id: .null, error: .invalidParams(path: "params.items[2].code", "expected a string"))
        #expect(bytes.text == #"{"jsonrpc":"2.0","id":null,"error":{"code":-32602,"message":"expected a string","data":{"code":"invalid_params","path":"params.items[2].code"}}}"#)
        let plain = RPCResponseEncoder.failure(id: 3, error: .parseError("bad\nline"))
        #expect(plain.text == #"{"jsonrpc":"2.0","id":3,"error":{"code":-32700,"message":"bad\nline","data":{"code":"parse_error"}}}"#)
    }

    @Test("every error code round-trips through RPCReplyParser with its data", arguments: RPCErrorCode.allCases)
    func errorRoundTrip(code: RPCErrorCode) throws {
        let error = RPCError(code, "msg \u{1} é /", data: ["reason": "r", "n": .int(3), "list": .array([.null, .bool(false), .double(0.25)])])
        let replies = try RPCReplyParser.parse(ByteBuffer(bytes: RPCResponseEncoder.failure(id: "id-1", error: error)))
        #expect(replies == [RPCReply(id: "id-1", outcome: .failure(error))])
        let data = try #require(JSONSerialization.jsonObject(with: Data(RPCResponseEncoder.failure(id: 1, error: error))) as? [String: Any])
        let payload = try #require((data["error"] as? [String: Any])?["data"] as? [String: Any])
        #expect(payload["code"] as? String == code.rawValue)
    }

    @Test("notEntitled keeps its reason in data")
    func notEntitledData() throws {
        let reply = try #require(try RPCReplyParser.parse(RPCResponseEncoder.failure(id: 1, error: .notEntitled("tier too low"))).first)
        guard case .failure(let error) = reply.outcome else {
            Issue.record("expected an error reply")
            return
        }
        #expect(error.code == .notEntitled)
        #expect(error.data["reason"] == .string("tier too low"))
    }

    @Test("success responses round-trip through RPCReplyParser")
    func successRoundTrip() throws {
        let result = EntitlementItem(
            code: "vip_lounge", name: LocalizedName(zh: "贵宾室", en: "VIP lounge"), category: "service",
            params: ["minutes": .int(30), "note": .string("a/b")], quota: QuotaState(count: 2, per: "month", remaining: 1),
            validUntil: "2026-01-01", reason: "tier gold")
        let replies = try RPCReplyParser.parse(try RPCResponseEncoder.success(id: 12, result: result))
        let reply = try #require(replies.first)
        #expect(reply.id == .int(12))
        let value = try reply.outcome.get()
        #expect(try JSONValueDecoder().decode(EntitlementItem.self, from: value, path: "result") == result)
    }

    @Test("a batch is an array of the encoded responses, parsed back in order")
    func batch() throws {
        let bytes = RPCResponseEncoder.batch([
            try RPCResponseEncoder.success(id: 1, result: "one"),
            RPCResponseEncoder.failure(id: 2, error: .methodNotFound("nope")),
        ])
        let replies = try RPCReplyParser.parse(ByteBuffer(bytes: bytes))
        #expect(replies.map(\.id) == [1, 2])
        #expect(replies[0].outcome == .success(.string("one")))
        #expect(replies[1].outcome == .failure(.methodNotFound("nope")))
        #expect(RPCResponseEncoder.line(bytes).last == UInt8(ascii: "\n"))
        #expect(RPCResponseEncoder.line(bytes).dropLast().elementsEqual(bytes))
    }

    @Test("malformed replies throw parse_error", arguments: [
        "not json", "5", "[]", #"{"jsonrpc":"2.0","result":1}"#, #"{"jsonrpc":"1.0","id":1,"result":1}"#,
        #"{"jsonrpc":"2.0","id":1}"#, #"{"jsonrpc":"2.0","id":1,"result":1,"error":{"code":-32603,"message":"x"}}"#,
        #"{"jsonrpc":"2.0","id":1,"error":{"message":"x"}}"#, #"{"jsonrpc":"2.0","id":1.5,"result":1}"#,
        #"[{"jsonrpc":"2.0","id":1,"result":1},3]"#,
    ])
    func malformedReplies(text: String) throws {
        let error = try #require(throws: RPCError.self) { try RPCReplyParser.parse(Array(text.utf8)) }
        #expect(error.code == .parseError)
    }

    @Test("requests encode with and without ids and parse back")
    func requests() throws {
        let bytes = try RPCRequestEncoder.request(id: 5, method: "entitlements.get", params: EntitlementsGet.Params(customerId: 9))
        let request = try #require(RPCMessageParser.parse(bytes, limits: WireLimits()).single?.request)
        #expect(request.id == .int(5))
        #expect(request.method == "entitlements.get")
        #expect(try JSONValueDecoder().decode(EntitlementsGet.Params.self, from: request.params) == EntitlementsGet.Params(customerId: 9))

        let notification = try RPCRequestEncoder.request(id: nil, method: "health.check", params: NoParams())
        #expect(notification.text == #"{"jsonrpc":"2.0","method":"health.check","params":{}}"#)
        let absent: NoParams? = nil
        #expect(try RPCRequestEncoder.request(id: "a", method: "m", params: absent).text == #"{"jsonrpc":"2.0","id":"a","method":"m"}"#)
        let error = try #require(throws: RPCError.self) { try RPCRequestEncoder.request(id: 1, method: "m", params: "scalar") }
        #expect(error.code == .invalidParams)
    }

    @Test("RPCID encodes as the bare JSON value")
    func rpcIDCodable() throws {
        let ids: [RPCID] = [1, "x", .null]
        let data = try JSONEncoder().encode(ids)
        #expect(String(decoding: data, as: UTF8.self) == #"[1,"x",null]"#)
        #expect(try JSONDecoder().decode([RPCID].self, from: data) == ids)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(RPCID.self, from: Data("1.5".utf8)) }
        #expect(RPCID.string("a\"b").description == #""a\"b""#)
    }
}
