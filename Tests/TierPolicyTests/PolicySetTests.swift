import Testing
import TierPolicy

@Suite struct PolicySetTests {
    private func set() throws -> PolicySet { try load(PolicySetFixture.files).get() }

    @Test func loadsAndStampsARevision() throws {
        let set = try set()
        #expect(set.revision.count == 64)
        #expect(set.segments.map(\.name).sorted() == ["internal", "loyal_household", "vip"])
        // The revision depends on content, not on the order files are given in.
        let reversed = PolicyLoader.load([
            PolicySourceFile(name: "rules.yaml", text: PolicySetFixture.rules),
            PolicySourceFile(name: "catalogue.yaml", text: PolicySetFixture.catalogue),
        ])
        #expect(try reversed.get().revision == set.revision)
        let edited = try load(["catalogue.yaml": PolicySetFixture.catalogue, "rules.yaml": PolicySetFixture.rules + "\n# note\n"]).get()
        #expect(edited.revision != set.revision)
    }

    @Test func loyaltyBoundaryIsExactlySix() throws {
        let evaluator = PolicyEvaluator(try set())
        let five = try facts(["household.long_term_policies": .int(5)])
        #expect(evaluator.evaluate(five).entitlement("free_accident_cover") == nil)
        let hint = evaluator.explain(five, code: "free_accident_cover").hints.first
        #expect(hint?.reasons == ["Active long-term policies held by the whole household: 5; 6 or more needed"])
        let six = try facts(["household.long_term_policies": .int(6)])
        let cover = try #require(evaluator.evaluate(six).entitlement("free_accident_cover"))
        #expect(cover.validUntil == CivilDate.parse("2027-01-01"))
        #expect(cover.remaining == 1)
        #expect(evaluator.evaluate(six, quotaUsed: ["free_accident_cover": 1]).entitlement("free_accident_cover")?.remaining == 0)
    }

    @Test func revisitBoundaryIsExactly730Days() throws {
        let evaluator = PolicyEvaluator(try set())
        let asOf = "2026-06-15"
        let day730 = try facts(["history.last_purchase_on": date("2024-06-15")], asOf: asOf)
        let day731 = try facts(["history.last_purchase_on": date("2024-06-14")], asOf: asOf)
        #expect(evaluator.evaluate(day730).tasks.isEmpty)
        let task = try #require(evaluator.evaluate(day731).tasks.first)
        #expect(task.kind == "revisit")
        #expect(task.key == "revisit:1:2024-06-14")
        #expect(task.due == CivilDate.parse("2026-06-22"))
        #expect(task.payload.first?.value == date("2024-06-14"))
        // No purchase on record: no task, and no trap.
        #expect(evaluator.evaluate(try facts()).tasks.isEmpty)
    }

    @Test func tierThresholdsAreExact() throws {
        let evaluator = PolicyEvaluator(try set())
        let expectations = [("19999.99", "ordinary"), ("20000", "silver"), ("49999.99", "silver"), ("50000", "gold"),
                            ("99999.99", "gold"), ("100000", "platinum"), ("199999.99", "platinum"), ("200000", "diamond")]
        for (premium, tier) in expectations {
            let decision = evaluator.evaluate(try facts(["history.annual_premium": money(premium)]))
            #expect(decision.tier("value") == tier, "\(premium)")
            #expect(decision.segments.contains("vip") == (tier != "ordinary"), "\(premium)")
        }
    }

    @Test func staffAndVIPDiscountsStackOnlyToTheCap() throws {
        let evaluator = PolicyEvaluator(try set())
        let decision = evaluator.evaluate(try facts(["staff.is_employee": .bool(true), "history.annual_premium": money("250000")]))
        #expect(decision.entitlement("staff_discount")?.param("rate") == money("0.1"))
        let vip = try #require(decision.entitlement("vip_discount"))
        #expect(vip.param("rate") == money("0.05"))
        #expect(vip.param("note") == .string("VIP"))
        #expect(vip.reason.contains("capped at 0.15"))
        // Without the staff discount the VIP rate stands.
        let plain = evaluator.evaluate(try facts(["history.annual_premium": money("250000")]))
        #expect(plain.entitlement("vip_discount")?.param("rate") == money("0.1"))
    }

    @Test func budgetsPickServicesGreedilyWithinTheYearlyAmount() throws {
        let evaluator = PolicyEvaluator(try set())
        let older = evaluator.evaluate(try facts(["history.annual_premium": money("60000"), "customer.age": .int(45)]))
        #expect(older.entitlement("health_checkup") != nil)
        #expect(older.entitlement("travel_assistance") == nil)  // 800 spent, 300 does not fit in the 200 left
        let younger = evaluator.evaluate(try facts(["history.annual_premium": money("60000"), "customer.age": .int(30)]))
        #expect(younger.entitlement("health_checkup") == nil)
        #expect(younger.entitlement("travel_assistance") != nil)
        #expect(younger.totalCost == FixedDecimal("320"))  // travel 300 + counter priority 20
    }

    @Test func channelRestrictionsAndTheirHints() throws {
        let evaluator = PolicyEvaluator(try set())
        let web = try facts(["history.annual_premium": money("60000")], channel: "website")
        #expect(evaluator.evaluate(web).entitlement("counter_priority") == nil)
        #expect(evaluator.explain(web, code: "counter_priority").hints.first?.reasons.first?.contains("counter") == true)
        let counter = try facts(["history.annual_premium": money("60000")], channel: "counter")
        #expect(evaluator.evaluate(counter).entitlement("counter_priority") != nil)
    }

    @Test func explainTracesEveryRuleWithTheFactsItRead() throws {
        let evaluator = PolicyEvaluator(try set())
        let explanation = evaluator.explain(try facts(["household.long_term_policies": .int(6)]))
        let loyal = try #require(explanation.steps.first { $0.kind == .segment && $0.name == "loyal_household" })
        #expect(loyal.outcome == .held)
        #expect(loyal.facts.first?.path == "household.long_term_policies")
        #expect(loyal.facts.first?.value == .int(6))
        let revisit = try #require(explanation.steps.first { $0.kind == .task })
        #expect(revisit.outcome == .notHeld)
        #expect(explanation.steps.filter { $0.kind == .tier }.count == 4)
    }

    @Test func evaluationIsDeterministic() throws {
        let evaluator = PolicyEvaluator(try set())
        let input = try facts(["staff.is_family": .bool(true), "history.annual_premium": money("120000"),
                               "household.long_term_policies": .int(7), "customer.age": .int(52)])
        let first = evaluator.evaluate(input), second = evaluator.evaluate(input)
        #expect(first.entitlements.map(\.code) == second.entitlements.map(\.code))
        #expect(first.entitlements.map { $0.params.map(\.value) } == second.entitlements.map { $0.params.map(\.value) })
        #expect(first.totalCost == second.totalCost)
    }
}

@Suite struct PolicyEdgeInputTests {
    @Test func negativeQuotaUsageAndLongValidityDoNotTrap() throws {
        let evaluator = PolicyEvaluator(try load(PolicySetFixture.files).get())
        let six = try facts(["household.long_term_policies": .int(6)])
        #expect(evaluator.evaluate(six, quotaUsed: ["free_accident_cover": -Int64.max]).entitlement("free_accident_cover")?.remaining == 1)
        let tooLong = "entitlements:\n  - grant: health_checkup\n    when: true\n    valid_for: 9223372036854775807d\n    reason: x\n"
        guard case .failure(let list) = load(["catalogue.yaml": PolicySetFixture.catalogue, "long.yaml": tooLong]) else {
            Issue.record("a validity of 9223372036854775807 days loaded")
            return
        }
        #expect(list.diagnostics.map(\.code) == [.invalidValue])
    }
}
