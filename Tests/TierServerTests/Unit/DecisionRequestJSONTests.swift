import Crypto
import Foundation
import Testing
import TierPolicy
@testable import TierServer
import TierWire

/// The decision log's request JSON is written directly (not by Foundation's encoder)
/// and must read back as a `DecisionRequest`, with a facts hash that is the same as
/// the one Foundation's sorted-keys encoding gave, so older rows keep their meaning.
@Suite struct DecisionRequestJSONTests {
    private let schema = FactSchema.standard

    private func facts() throws -> FactSet {
        try FactSet([
            "context.as_of": .date(20_000), "context.channel": .string("counter"),
            "customer.id": .int(42), "customer.gender": .string("female"), "customer.branch": .string("SH/XH \"1\""),
            "customer.since": .date(15_000), "customer.birth_date": .date(4_000), "customer.age": .int(43),
            "staff.is_employee": .bool(false), "staff.is_family": .bool(true),
            "household.size": .int(3), "household.long_term_policies": .int(6),
            "household.annual_premium": .decimal(FixedDecimal("123456.78")!),
            "history.active_policies": .int(2), "history.long_term_policies": .int(1), "history.lapsed_policies": .int(0),
            "history.annual_premium": .decimal(FixedDecimal("30000.00")!), "history.purchases": .int(3),
            "history.product_lines": .list([.string("health"), .string("accident")]), "history.referred_policies": .int(0),
            "complaints.open": .int(0), "complaints.upheld_mis_selling": .int(1),
            "risk.profile": .string("averse\t上海"),
        ], schema: schema)
    }

    @Test func theRequestReadsBackWithTheFactsAndTheirHash() throws {
        let facts = try facts()
        let params = EntitlementsGet.Params(customerId: 42, channel: "counter", asOf: nil)
        let text = EntitlementService.requestJSON(params, facts, quotaUsed: ["policy_review": 1], schema: schema)
        let request = try JSONDecoder().decode(DecisionRequest.self, from: Data(text.utf8))
        #expect(request.params == params)
        #expect(request.quotaUsed == ["policy_review": 1])
        #expect(request.facts == DecisionFacts.json(facts, schema: schema))
        #expect(DecisionFacts.factSet(request.facts, schema: schema)?.values == facts.values)

        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let foundation = try encoder.encode(DecisionFacts.json(facts, schema: schema))
        let expected = SHA256.hash(data: foundation).map { String(format: "%02x", $0) }.joined()
        #expect(request.factsHash == expected)
        #expect(!text.contains(#""as_of""#), "an absent param is left out, as the encoder did")
    }

    @Test func canonicalJSONSortsKeysAndEscapesOnlyWhatJSONNeeds() {
        let value = JSONValue.object(["b": .array([.int(-1), .bool(true), .null]), "a": .string("x/y \"q\" \\ \n 上")])
        #expect(String(decoding: value.canonicalJSON, as: UTF8.self) == #"{"a":"x/y \"q\" \\ \n 上","b":[-1,true,null]}"#)
        // Escapes at either end, and runs between them.
        #expect(String(decoding: JSONValue.string("\"").canonicalJSON, as: UTF8.self) == #""\"""#)
        #expect(String(decoding: JSONValue.string("\u{1}ab\ncd\u{1F}").canonicalJSON, as: UTF8.self) == #""\u0001ab\ncd\u001f""#)
        #expect(String(decoding: JSONValue.string("").canonicalJSON, as: UTF8.self) == #""""#)
    }

    @Test func theFactsAreWrittenFromTheSlotsAsTheSortedDictionaryWouldBe() throws {
        let facts = try facts()
        #expect(DecisionFacts.canonicalJSON(facts, schema: schema) == JSONValue.object(DecisionFacts.json(facts, schema: schema)).canonicalJSON)
        let paths = schema.slotsInPathOrder.map { schema[$0].path }
        #expect(paths == schema.declarations.map(\.path).sorted())
    }
}
