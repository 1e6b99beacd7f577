import Foundation
import Testing
import TierWire

/// `EntitlementsGet.Result.json`, written by hand, says what Foundation's encoder says.
@Suite struct EntitlementsGetJSONTests {
    static let results: [EntitlementsGet.Result] = [
        EntitlementsGet.Result(
            decisionId: "3f1c2a4e-0000-4000-8000-000000000001", revision: "abc123", customerId: 42, asOf: "2026-12-06",
            channel: "counter", newOrReturning: "returning", segments: ["internal", "vip/gold \"q\""],
            tiers: ["value": .string("gold"), "abc": .null, "lists": .array([.string("a"), .int(2), .bool(false)])],
            entitlements: [
                EntitlementItem(
                    code: "staff_discount", name: LocalizedName(zh: "员工优惠\n", en: "Staff \\ discount"), category: "premium",
                    params: ["rate": .string("0.10"), "nested": .object(["z": .int(-1), "a": .double(0.5)])],
                    quota: nil, validUntil: "2027-01-01", reason: "Internal customer\t(employee)"),
                EntitlementItem(
                    code: "green_channel", name: LocalizedName(zh: "绿色通道", en: "Green channel"), category: "service",
                    params: [:], quota: QuotaState(count: 3, per: "year", remaining: 0), validUntil: "2027-01-01",
                    reason: "VIP \u{01} control"),
            ],
            totalCost: "1234.50"),
        EntitlementsGet.Result(
            decisionId: "d", revision: "r", customerId: -9, asOf: "2026-01-01", channel: "app", newOrReturning: "new",
            segments: [], tiers: [:], entitlements: [], totalCost: "0"),
    ]

    @Test(arguments: results)
    func readsBackAsTheSameResult(result: EntitlementsGet.Result) throws {
        let decoded = try JSONDecoder().decode(EntitlementsGet.Result.self, from: Data(result.json))
        #expect(decoded == result)
    }

    @Test(arguments: results)
    func saysWhatFoundationsEncoderSays(result: EntitlementsGet.Result) throws {
        let foundation = try RPCResponseEncoder.resultJSON(result)
        let ours = try JSONDecoder().decode(JSONValue.self, from: Data(result.json))
        #expect(ours == (try JSONDecoder().decode(JSONValue.self, from: Data(foundation))))
        // Same members, and nothing Foundation would not write (an absent quota is left out).
        #expect(!String(decoding: result.json, as: UTF8.self).contains(#""quota":null"#))
    }

    @Test func isCompactWithMapsInSortedOrder() {
        let text = String(decoding: Self.results[1].json, as: UTF8.self)
        #expect(text == #"{"decision_id":"d","revision":"r","customer_id":-9,"as_of":"2026-01-01","channel":"app","new_or_returning":"new","segments":[],"tiers":{},"entitlements":[],"total_cost":"0"}"#)
        let first = String(decoding: Self.results[0].json, as: UTF8.self)
        #expect(first.contains(#""tiers":{"abc":null,"lists":["a",2,false],"value":"gold"}"#))
        #expect(first.contains(#""vip/gold \"q\"""#))
        #expect(first.contains(#""reason":"VIP \u0001 control""#))
    }
}
