import Foundation
import Testing
@testable import TierBenchKit

@Suite struct RequestMixTests {
    @Test func weightsDefaultToOneAndSteerThePicks() throws {
        let mix = try RequestMix(parsing: "entitlements.get=3, health.check")
        #expect(mix.entries.map(\.weight) == [3, 1])
        var random = SplitMix64(seed: 1)
        var counts = [0, 0]
        for _ in 0..<40_000 { counts[mix.pick(using: &random)] += 1 }
        #expect(abs(counts[0] - 30_000) < 800)
    }

    @Test func unknownMethodsAndBadWeightsAreRefused() {
        #expect(throws: BenchError.self) { try RequestMix(parsing: "tasks.claim") }
        #expect(throws: BenchError.self) { try RequestMix(parsing: "entitlements.get=0") }
        #expect(throws: BenchError.self) { try RequestMix(parsing: "entitlements.get=x") }
        #expect(throws: BenchError.self) { try RequestMix(parsing: "") }
    }

    @Test func aRequestLineIsOneJSONRPCRequest() throws {
        let mix = try RequestMix(parsing: "entitlements.get")
        let line = mix.requestLine(0, id: 17, customerId: 123, channel: "wechat")
        #expect(line.last == UInt8(ascii: "\n"))
        let object = try JSONSerialization.jsonObject(with: Data(line.dropLast())) as? [String: Any]
        #expect(object?["id"] as? Int == 17)
        #expect(object?["method"] as? String == "entitlements.get")
        let params = object?["params"] as? [String: Any]
        #expect(params?["customer_id"] as? Int == 123)
        #expect(params?["channel"] as? String == "wechat")
    }
}
