import Testing
import TierPolicy

/// The policy test runner compares what it should and refuses what can never fail.
@Suite struct PolicyTestRunnerTests {
    private func run(_ cases: String) throws -> PolicyTestReport {
        PolicyTestRunner.run(try load(PolicySetFixture.files).get(), testFiles: [PolicySourceFile(name: "tests/t.yaml", text: cases)])
    }

    @Test func passingAndFailingCases() throws {
        let report = try run("""
            cases:
              - name: loyal
                facts: {household.long_term_policies: 6}
                expect: {segments: [loyal_household], entitlements: [free_accident_cover], tiers: {value: ordinary}}
              - name: wrongly expects the cover at five
                facts: {household.long_term_policies: 5}
                expect: {entitlements: [free_accident_cover]}
            """)
        #expect(report.results.map(\.passed) == [true, false])
        #expect(report.results[1].failures.first?.contains("free_accident_cover: expected, not granted") == true)
    }

    @Test func misspeltNamesFailInsteadOfPassingForever() throws {
        let report = try run("""
            cases:
              - name: typo
                expect: {not_entitlements: [free_accident_covr], not_segments: [vipp], not_tasks: [revisitt], tiers: {valu: gold}}
            """)
        let failures = report.results.first?.failures ?? []
        for name in ["free_accident_covr", "vipp", "revisitt", "valu"] {
            #expect(failures.contains { $0.contains("'\(name)'") }, "\(name): \(failures)")
        }
    }

    @Test func paramsCompareAsTheirOwnKind() throws {
        let report = try run("""
            cases:
              - name: vip params
                facts: {history.annual_premium: 250000}
                expect: {params: {vip_discount: {rate: 0.10, note: VIP}}}
              - name: wrong rate
                facts: {history.annual_premium: 250000}
                expect: {params: {vip_discount: {rate: 0.12}}}
            """)
        #expect(report.results.map(\.passed) == [true, false])
    }

    @Test func brokenFilesMustFailWhereTheySay() {
        let results = PolicyTestRunner.checkBroken([
            PolicySourceFile(name: "right.yaml", text: "# expect: unknown_fact 3:6\nsegments:\n  x: custmer.age > 1\n"),
            PolicySourceFile(name: "wrong_place.yaml", text: "# expect: unknown_fact 3:7\nsegments:\n  x: custmer.age > 1\n"),
            PolicySourceFile(name: "loads.yaml", text: "# expect: unknown_fact 3:6\nsegments:\n  x: customer.age > 1\n"),
            PolicySourceFile(name: "no_header.yaml", text: "segments:\n  x: custmer.age > 1\n"),
        ])
        let passed = Dictionary(uniqueKeysWithValues: results.map { ($0.name, $0.passed) })
        #expect(passed == ["right.yaml": true, "wrong_place.yaml": false, "loads.yaml": false, "no_header.yaml": false])
    }
}

@Suite struct PolicyTestRunnerDetailTests {
    @Test func taskKeysRemainingAndDerivedAge() throws {
        let set = try load(PolicySetFixture.files).get()
        let report = PolicyTestRunner.run(set, testFiles: [PolicySourceFile(name: "tests/t.yaml", text: """
            cases:
              - name: lapsed and loyal, born 1980
                context: {as_of: 2026-06-15}
                facts: {history.last_purchase_on: 2024-01-01, household.long_term_policies: 6, customer.birth_date: 1980-01-01, history.annual_premium: 60000}
                quota_used: {free_accident_cover: 0}
                expect: {task_keys: ["revisit:1:2024-01-01"], remaining: {free_accident_cover: 1}, entitlements: [health_checkup]}
              - name: wrong key
                context: {as_of: 2026-06-15}
                facts: {history.last_purchase_on: 2024-01-01}
                expect: {task_keys: ["revisit:1:2024-01-02"]}
            """)])
        #expect(report.results.map(\.passed) == [true, false], "\(report.results.map(\.failures))")
    }
}
