import NIOCore
import Testing
import TierWire

@Suite("RPCMessageParser: nesting and batches")
struct NestingAndBatchTests {
    /// Params nested `depth` levels in total, counting the request object as 1.
    private func nested(depth: Int) -> String {
        let inner = depth - 1
        return requestText(params: String(repeating: "[", count: inner) + String(repeating: "]", count: inner))
    }

    @Test("a megabyte of open brackets is refused by the scan, without parsing")
    func hugeBracketRun() throws {
        let frame = ByteBuffer(repeating: UInt8(ascii: "["), count: 1_048_576)
        let error = try #require(RPCMessageParser.parse(frame, limits: WireLimits()).failure)
        #expect(error.code == .invalidRequest)
        #expect(error.message.contains("too deeply nested"))
    }

    @Test("depth up to the limit is accepted; one level more is refused")
    func depthBoundary() throws {
        let limits = WireLimits(maxNestingDepth: 10)
        #expect(parse(nested(depth: 10), limits: limits).single?.request != nil)
        let error = try #require(parse(nested(depth: 11), limits: limits).failure)
        #expect(error.code == .invalidRequest)
        #expect(error.message.contains("more than 10 levels"))
    }

    @Test("brackets inside strings, escaped quotes included, do not count as nesting")
    func bracketsInStrings() throws {
        let text = String(repeating: "[{", count: 100)
        let params = #"{"s":"\"\#(text)\\","t":"\#(text)"}"#
        let request = try #require(parse(requestText(params: params), limits: WireLimits(maxNestingDepth: 3)).single?.request)
        #expect(request.params?["t"] == .string(text))
    }

    @Test("a batch answers valid and invalid elements separately, in order")
    func mixedBatch() throws {
        let text = "[" + [
            requestText(id: "1", method: "a"),
            requestText(id: nil, method: "b"),
            "42",
            requestText(id: #""x""#, params: #""bad""#),
            requestText(id: "2.5"),
        ].joined(separator: ",") + "]"
        let items = try #require(parse(text).batch)
        #expect(items.count == 5)
        #expect(items[0].request?.id == .int(1))
        #expect(items[1].request?.isNotification == true)
        #expect(items[2].invalid?.id == nil)
        #expect(items[2].invalid?.error.message == "a request must be a JSON object, found the integer 42")
        #expect(items[3].invalid?.id == .string("x"))
        #expect(items[3].invalid?.error.code == .invalidRequest)
        #expect(items[4].invalid?.id == nil)
    }

    @Test("an empty batch is an invalid request", arguments: ["[]", " [ ] "])
    func emptyBatch(text: String) throws {
        let error = try #require(parse(text).failure)
        #expect(error.code == .invalidRequest)
        #expect(error.message == "the batch is empty")
    }

    @Test("a batch over the limit is refused whole; one at the limit is accepted")
    func batchLimit() throws {
        let limits = WireLimits(maxBatchSize: 3)
        let three = "[" + (1...3).map { requestText(id: "\($0)") }.joined(separator: ",") + "]"
        #expect(parse(three, limits: limits).batch?.count == 3)
        let four = "[" + (1...4).map { requestText(id: "\($0)", params: #"{"a":[1,2,3]}"#) }.joined(separator: ",") + "]"
        let error = try #require(parse(four, limits: limits).failure)
        #expect(error.code == .invalidRequest)
        #expect(error.message == "batch of 4 exceeds the limit of 3")
    }

    @Test("the default limit of 100 holds for a batch of 101")
    func defaultBatchLimit() throws {
        let text = "[" + (1...101).map { requestText(id: "\($0)") }.joined(separator: ",") + "]"
        #expect(parse(text).failure?.message == "batch of 101 exceeds the limit of 100")
    }
}
