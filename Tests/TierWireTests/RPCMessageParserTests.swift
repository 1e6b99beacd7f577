import NIOCore
import Testing
import TierWire

@Suite("RPCMessageParser: single requests")
struct RPCMessageParserTests {
    @Test("a request with an integer id, a method and object params")
    func validRequest() throws {
        let request = try #require(parse(requestText(id: "7", method: "entitlements.get", params: #"{"customer_id":42}"#)).single?.request)
        #expect(request == RPCRequest(id: .int(7), method: "entitlements.get", params: .object(["customer_id": .int(42)])))
        #expect(!request.isNotification)
    }

    @Test("string ids, array params and absent params")
    func idAndParamsForms() throws {
        let withString = try #require(parse(requestText(id: #""abc""#, params: "[1,\"x\"]")).single?.request)
        #expect(withString.id == .string("abc"))
        #expect(withString.params == .array([.int(1), .string("x")]))
        let bare = try #require(parse(requestText(id: "1")).single?.request)
        #expect(bare.params == nil)
    }

    @Test("without an id it is a notification")
    func notification() throws {
        let request = try #require(parse(requestText(id: nil)).single?.request)
        #expect(request.id == nil)
        #expect(request.isNotification)
    }

    @Test("an explicit null id is allowed and is not a notification")
    func nullID() throws {
        let request = try #require(parse(requestText(id: "null")).single?.request)
        #expect(request.id == .null)
        #expect(!request.isNotification)
    }

    @Test("a fractional or boolean id is invalid and answered with id null", arguments: ["1.5", "true", "[1]", "{}"])
    func badID(id: String) throws {
        let invalid = try #require(parse(requestText(id: id)).single?.invalid)
        #expect(invalid.id == nil)
        #expect(invalid.error.code == .invalidRequest)
        #expect(invalid.error.message.contains("id must be"))
    }

    @Test("an integer-valued id like 2.0 counts as the integer 2")
    func integralDoubleID() throws {
        #expect(try #require(parse(requestText(id: "2.0")).single?.request).id == .int(2))
    }

    @Test("params that are not an object or an array are invalid, keeping the id", arguments: [#""text""#, "5", "true", "null"])
    func paramsOfWrongType(params: String) throws {
        let invalid = try #require(parse(requestText(id: "9", params: params)).single?.invalid)
        #expect(invalid.id == .int(9))
        #expect(invalid.error.code == .invalidRequest)
        #expect(invalid.error.message.hasPrefix("params must be an object or an array"))
    }

    @Test("a missing or wrong jsonrpc version and a non-string method are invalid")
    func envelopeRules() throws {
        let noVersion = try #require(parse(#"{"id":3,"method":"m"}"#).single?.invalid)
        #expect(noVersion.id == .int(3))
        #expect(noVersion.error.code == .invalidRequest)
        let oldVersion = try #require(parse(#"{"jsonrpc":"1.0","id":"q","method":"m"}"#).single?.invalid)
        #expect(oldVersion.id == .string("q"))
        let numericMethod = try #require(parse(#"{"jsonrpc":"2.0","id":4,"method":12}"#).single?.invalid)
        #expect(numericMethod.id == .int(4))
        #expect(numericMethod.error.message == "method must be a string, found the integer 12")
        let noMethod = try #require(parse(#"{"jsonrpc":"2.0","id":5}"#).single?.invalid)
        #expect(noMethod.error.message == "method must be a string, found nothing")
    }

    @Test("invalid UTF-8 is a parse error for the whole frame")
    func invalidUTF8() throws {
        var frame = ByteBuffer(string: #"{"jsonrpc":"2.0","id":1,"method":"m","params":{"name":""#)
        frame.writeBytes([0xC3, 0x28])
        frame.writeString(#""}}"#)
        let error = try #require(RPCMessageParser.parse(frame, limits: WireLimits()).failure)
        #expect(error.code == .parseError)
        #expect(error.message == "the frame is not valid UTF-8")
    }

    @Test("invalid JSON is a parse error", arguments: [#"{"jsonrpc":"2.0","id":1"#, "{method}", "nonsense", #"{"a":1}}"#])
    func invalidJSON(text: String) throws {
        let error = try #require(parse(text).failure)
        #expect(error.code == .parseError)
        #expect(error.message.hasPrefix("the frame is not valid JSON"))
    }

    @Test("a NUL byte is a parse error, so UTF-16 is never guessed")
    func nulByte() throws {
        let frame = ByteBuffer(bytes: Array("[\"a\"]".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }))
        #expect(RPCMessageParser.parse(frame, limits: WireLimits()).failure?.code == .parseError)
    }

    @Test("a top-level scalar is an invalid request")
    func scalarFrame() throws {
        let error = try #require(parse(#""hello""#).failure)
        #expect(error.code == .invalidRequest)
        #expect(error.message.hasSuffix("found a string"))
    }

    @Test("integer-valued numbers are .int, others .double")
    func numbers() throws {
        let params = try #require(parse(requestText(params: "[1, 1.0, 1e3, -0, 1.5, 9223372036854775807, 9223372036854775808, true]")).single?.request?.params)
        #expect(params == .array([.int(1), .int(1), .int(1000), .int(0), .double(1.5), .int(.max), .double(9_223_372_036_854_775_808), .bool(true)]))
    }

    @Test("strings keep escapes, slashes and non-ASCII text")
    func strings() throws {
        let params = try #require(parse(requestText(params: #"{"s":"a\/b \"q\" \u00e9 中文 \n"}"#)).single?.request?.params)
        #expect(params == .object(["s": .string("a/b \"q\" é 中文 \n")]))
    }
}
