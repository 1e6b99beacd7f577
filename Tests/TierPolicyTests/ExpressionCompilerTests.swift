import Testing
import TierPolicy

@Suite struct ExpressionCompilerTests {
    private func diagnostics(_ text: String, expecting type: PolicyType? = nil, scope: ExpressionScope = ExpressionScope()) -> [PolicyDiagnostic] {
        if case .failure(let list) = compile(text, expecting: type, scope: scope) { return list.diagnostics }
        return []
    }

    @Test func wellTypedExpressionsCompile() throws {
        #expect(try compile("customer.age >= 40 && staff.is_employee").get().type == .bool)
        #expect(try compile("history.annual_premium * 0.05").get().type == .decimal)
        #expect(try compile("household.size + 1").get().type == .int)
        #expect(try compile("today + 7d").get().type == .date)
        #expect(try compile("today - customer.since").get().type == .duration)
        #expect(try compile("[\"gold\", \"silver\"]").get().type == .list(.string))
        #expect(try compile("staff.is_employee ? 0.1 : 0").get().type == .decimal)
        #expect(try compile("days_since(customer.since)").get().type == .int)
        #expect(try compile("household.size", expecting: .decimal).get().type == .decimal)
    }

    @Test func mismatchesAreLoadErrorsWithLocations() {
        let gender = diagnostics("customer.gender > 5")
        #expect(gender.map(\.code) == [.typeMismatch])
        #expect(gender.first?.location == PolicyLocation(file: "test.yaml", line: 1, column: 17))
        #expect(diagnostics("customer.age", expecting: .bool).map(\.code) == [.typeMismatch])
        #expect(diagnostics("today + today").map(\.code) == [.typeMismatch])
        #expect(diagnostics("!household.size").map(\.code) == [.typeMismatch])
        #expect(diagnostics("\"gold\" in [1, 2]").map(\.code) == [.typeMismatch])
        #expect(diagnostics("[1, \"x\"]").map(\.code) == [.typeMismatch])
        #expect(diagnostics("household.size ? 1 : 2").map(\.code) == [.typeMismatch])
        #expect(diagnostics("days_since(customer.age)").map(\.code) == [.typeMismatch])
        #expect(diagnostics("size(1, 2)").map(\.code) == [.wrongArgumentCount])
    }

    @Test func unknownNamesAreReportedWithSuggestions() {
        let typo = diagnostics("custmer.age > 3")
        #expect(typo.map(\.code) == [.unknownFact])
        #expect(typo.first?.message.contains("customer.age") == true)
        #expect(diagnostics("customer > 3").first?.message.contains("group of facts") == true)
        #expect(diagnostics("segment.vip").map(\.code) == [.unknownSegment])
        #expect(diagnostics("tier.value == \"gold\"").map(\.code) == [.unknownTier])
        #expect(diagnostics("dayz_since(today)").first?.message.contains("days_since") == true)
        #expect(diagnostics("quota_used(\"nope\") > 1").map(\.code) == [.unknownEntitlement])
        // Independent mistakes are all reported.
        #expect(diagnostics("custmer.age > 3 && segment.vip").map(\.code) == [.unknownFact, .unknownSegment])
    }

    @Test func missingFactsFlowAndDoNotMatch() throws {
        let noAge = try facts()
        #expect(try evaluate("customer.age >= 40", noAge) == .missing)
        #expect(try evaluate("has(customer.age)", noAge) == .bool(false))
        #expect(try evaluate("false && customer.age >= 40", noAge) == .bool(false))
        #expect(try evaluate("true || customer.age >= 40", noAge) == .bool(true))
        #expect(try evaluate("!(customer.age >= 40)", noAge) == .missing)
        let withAge = try facts(["customer.age": .int(41)])
        #expect(try evaluate("has(customer.age) && customer.age >= 40", withAge) == .bool(true))
    }

    @Test func arithmeticNeverTraps() throws {
        let f = try facts()
        #expect(try evaluate("household.size / 0", f) == .missing)
        #expect(try evaluate("household.size % 0", f) == .missing)
        #expect(try evaluate("9223372036854775807 + household.size", f) == .missing)
        #expect(try evaluate("-9223372036854775807 - household.size - household.size", f) == .missing)
        #expect(try evaluate("today + 9223372036854775807d", f) == .missing)
        #expect(try evaluate("5 / 2", f) == money("2.5"))
        #expect(try evaluate("history.annual_premium * 0.05", f) == money("150"))
    }

    @Test func datesAndFunctions() throws {
        let f = try facts(["history.last_purchase_on": date("2024-06-15"), "customer.birth_date": date("1980-06-16")], asOf: "2026-06-15")
        #expect(try evaluate("days_since(history.last_purchase_on)", f) == .int(730))
        #expect(try evaluate("age(customer.birth_date)", f) == .int(45))
        #expect(try evaluate("year(today)", f) == .int(2026))
        #expect(try evaluate("today - 730d == history.last_purchase_on", f) == .bool(true))
        #expect(try evaluate("size(history.product_lines)", f) == .int(1))
        #expect(try evaluate("contains(history.product_lines, \"accident\")", f) == .bool(true))
        #expect(try evaluate("\"life\" not in history.product_lines", f) == .bool(true))
        #expect(try evaluate("contains(\"理赔绿色通道\", \"绿色\")", f) == .bool(true))
        #expect(try evaluate("max(household.size, 1.5)", f) == money("2"))
        #expect(try evaluate("min(today, customer.since)", f) == date("2015-03-01"))
    }
}
