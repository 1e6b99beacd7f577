import Testing
import TierWire

/// An order with nested items, for error paths.
private struct Order: Decodable, Equatable {
    struct Item: Decodable, Equatable {
        var code: String
        var quantity: Int32
        var note: String?
    }

    var customerId: Int64
    var items: [Item]
    var counts: [String: UInt8]?
    var ratio: Double?
    var extra: JSONValue?

    enum CodingKeys: String, CodingKey {
        case items, counts, ratio, extra
        case customerId = "customer_id"
    }
}

/// Decodes through `JSONValue.init(from:)` itself, not the decoder's shortcut.
private struct ViaInitFromDecoder: Decodable {
    var value: JSONValue
    init(from decoder: any Decoder) throws { value = try JSONValue(from: decoder) }
}

/// Reads exactly three integers from an array.
private struct Triple: Decodable {
    var values: [Int]
    init(from decoder: any Decoder) throws {
        var container = try decoder.unkeyedContainer()
        values = [try container.decode(Int.self), try container.decode(Int.self), try container.decode(Int.self)]
    }
}

@Suite("JSONValueDecoder")
struct JSONValueDecoderTests {
    let decoder = JSONValueDecoder()

    private func value(_ text: String) throws -> JSONValue {
        try #require(parse(requestText(params: text)).single?.request?.params)
    }

    private func failure<T: Decodable>(_ type: T.Type, _ text: String, path: String = "params") throws -> RPCError {
        let params = try value(text)
        return try #require(throws: RPCError.self) { try decoder.decode(T.self, from: params, path: path) }
    }

    @Test("decodes nested structs, arrays, dictionaries and optionals; unknown keys are ignored")
    func decodesEverything() throws {
        let order = try decoder.decode(Order.self, from: try value(
            #"{"customer_id":42,"items":[{"code":"A","quantity":2},{"code":"B","quantity":1,"note":null}],"# +
            #""counts":{"x":1,"y":255},"ratio":3,"extra":{"k":[null,1.5]},"unknown":true}"#))
        #expect(order == Order(
            customerId: 42,
            items: [.init(code: "A", quantity: 2, note: nil), .init(code: "B", quantity: 1, note: nil)],
            counts: ["x": 1, "y": 255], ratio: 3, extra: .object(["k": .array([.null, .double(1.5)])])))
    }

    @Test("method params types decode, and absent params mean {}")
    func methodParams() throws {
        let params = try decoder.decode(EntitlementsGet.Params.self, from: try value(#"{"customer_id":7,"as_of":"2025-01-02"}"#))
        #expect(params == EntitlementsGet.Params(customerId: 7, asOf: "2025-01-02"))
        let none: JSONValue? = nil
        #expect(try decoder.decode(NoParams.self, from: none) == NoParams())
        #expect(try decoder.decode(RevisitsList.Params.self, from: none) == RevisitsList.Params())
        let error = try #require(throws: RPCError.self) { try decoder.decode(EntitlementsGet.Params.self, from: none) }
        #expect(error.path == "params.customer_id")
        #expect(error.message == "expected an integer, found nothing: the member is required")
    }

    @Test("a string with a NUL character is refused with its path, not cut short")
    func nulIsRefused() throws {
        let error = try failure(EntitlementsGet.Params.self, #"{"customer_id":7,"channel":"count\u0000er"}"#)
        #expect(error.code == .invalidParams)
        #expect(error.path == "params.channel")
        #expect(error.message.contains("NUL"))
    }

    @Test("a type mismatch names the path and what was found")
    func typeMismatch() throws {
        let error = try failure(EntitlementsGet.Params.self, #"{"customer_id":"42"}"#)
        #expect(error.code == .invalidParams)
        #expect(error.path == "params.customer_id")
        #expect(error.message == "expected an integer, found a string")
    }

    @Test("errors deep inside arrays carry the element index")
    func nestedPath() throws {
        let error = try failure(Order.self, #"{"customer_id":1,"items":[{"code":"A","quantity":1},{"code":"B","quantity":1},{"code":7,"quantity":1}]}"#)
        #expect(error.path == "params.items[2].code")
        #expect(error.message == "expected a string, found the integer 7")
        let missing = try failure(Order.self, #"{"customer_id":1,"items":[{"code":"A"}]}"#)
        #expect(missing.path == "params.items[0].quantity")
    }

    @Test("null for a non-optional is an error")
    func nullForRequired() throws {
        let error = try failure(Order.self, #"{"customer_id":null,"items":[]}"#)
        #expect(error.path == "params.customer_id")
        #expect(error.message == "expected an integer, found null")
    }

    @Test("fractional and out-of-range integers are refused")
    func integerRules() throws {
        let fractional = try failure(Order.self, #"{"customer_id":1.5,"items":[]}"#)
        #expect(fractional.message == "expected an integer, found the fractional number 1.5")
        let tooBig = try failure(Order.self, #"{"customer_id":1,"items":[{"code":"A","quantity":3000000000}]}"#)
        #expect(tooBig.path == "params.items[0].quantity")
        #expect(tooBig.message == "expected an integer from -2147483648 to 2147483647, found 3000000000")
        let negative = try failure(Order.self, #"{"customer_id":1,"items":[],"counts":{"a":-1}}"#)
        #expect(negative.path == "params.counts.a")
        #expect(negative.message == "expected an integer from 0 to 255, found -1")
    }

    @Test("containers of the wrong kind are named")
    func wrongContainer() throws {
        let notArray = try failure(Order.self, #"{"customer_id":1,"items":{"code":"A"}}"#)
        #expect(notArray.path == "params.items")
        #expect(notArray.message == "expected an array, found an object")
        let notObject = try #require(throws: RPCError.self) { try decoder.decode(Order.self, from: .array([]), path: "result") }
        #expect(notObject.path == "result")
        #expect(notObject.message == "expected an object, found an array")
    }

    @Test("reading past the end of an array is reported at the missing index")
    func endOfArray() throws {
        #expect(try decoder.decode(Triple.self, from: try value("[1,2,3]")).values == [1, 2, 3])
        let error = try failure(Triple.self, "[1,2]")
        #expect(error.path == "params[2]")
        #expect(error.message == "expected an integer, found the end of the array")
    }

    @Test("JSONValue decodes through its own init(from:), null included")
    func jsonValueThroughInitFrom() throws {
        let text = #"{"a":[1,2.5,"s",true,null],"b":{}}"#
        #expect(try decoder.decode(ViaInitFromDecoder.self, from: try value(text)).value == (try value(text)))
        #expect(try decoder.decode(ViaInitFromDecoder.self, from: .null).value == .null)
        #expect(try decoder.decode([JSONValue?].self, from: .array([.null, .int(1)])) == [nil, .int(1)])
    }

    @Test("types with hand-written init(from:) decode: DecimalText, RPCError, RPCID")
    func customDecodables() throws {
        #expect(try decoder.decode(DecimalText.self, from: .string("12.50")) == DecimalText("12.50"))
        #expect(try decoder.decode(DecimalText.self, from: .int(12)) == DecimalText("12"))
        let error = RPCError.invalidParams(path: "params.x", "bad")
        let encoded = try #require(RPCReplyParser.parse(RPCResponseEncoder.failure(id: 1, error: error)).first)
        #expect(encoded.outcome == .failure(error))
        #expect(try decoder.decode([RPCID].self, from: .array([.int(1), .string("a"), .null])) == [1, "a", .null])
    }

    @Test("scalars: doubles accept integers, Bool and String are strict")
    func scalars() throws {
        #expect(try decoder.decode(Double.self, from: .int(3)) == 3)
        #expect(try decoder.decode(Float.self, from: .double(0.5)) == 0.5)
        #expect(try decoder.decode(UInt.self, from: .int(9)) == 9)
        #expect(try decoder.decode(Int.self, from: .double(4)) == 4)
        let bool = try #require(throws: RPCError.self) { try decoder.decode(Bool.self, from: .int(1)) }
        #expect(bool.message == "expected a boolean, found the integer 1")
        let string = try #require(throws: RPCError.self) { try decoder.decode(String.self, from: .int(1), path: "params.name") }
        #expect(string.path == "params.name")
    }
}
