import Foundation
import Logging
import Testing
@testable import TierServer

@Suite struct JSONLogHandlerTests {
    @Test func aLineIsOneJSONObjectWithTheMetadata() throws {
        let line = JSONLogHandler.line(
            label: "tierd", level: .notice, message: "policy reloaded \"now\"",
            metadata: ["revision": "abc", "count": "\(3)"], now: Date(timeIntervalSince1970: 1_795_000_000))
        #expect(line.last == UInt8(ascii: "\n"))
        #expect(line.dropLast().contains(UInt8(ascii: "\n")) == false)
        let object = try #require(try JSONSerialization.jsonObject(with: line) as? [String: String])
        #expect(object["msg"] == "policy reloaded \"now\"")
        #expect(object["level"] == "notice")
        #expect(object["label"] == "tierd")
        #expect(object["revision"] == "abc")
        #expect(object["count"] == "3")
        #expect(object["ts"] == "2026-11-18T11:06:40.000000Z")
    }
}
