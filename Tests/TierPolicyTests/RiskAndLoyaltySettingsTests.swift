import Testing
import TierPolicy

/// `settings.loyalty`, `settings.risk` and `settings.bundles` in the branch set, and
/// where a misspelled segment or a wrong value of theirs is reported.
@Suite struct RiskAndLoyaltySettingsTests {
    private static let segments = """
        segments:
          risk_averse: risk.profile == "averse"
          risk_seeking: risk.profile == "seeking"

        """

    /// The diagnostics of a set made of the fixture catalogue, the two segments above
    /// (in their own file) and `settings` in `settings.yaml`.
    private func diagnostics(_ settings: String) -> [PolicyDiagnostic] {
        let files = ["catalogue.yaml": PolicySetFixture.catalogue, "segments.yaml": Self.segments, "settings.yaml": settings]
        if case .failure(let list) = load(files) { return list.diagnostics }
        return []
    }

    private func branchFiles() throws -> [PolicySourceFile] {
        let directory = PolicySetsOnDiskTests.root.appendingPathComponent("branch").path
        return try PolicySetsOnDiskTests.files(directory) { !$0.hasPrefix("tests/") }
    }

    @Test func theBranchSetSettings() throws {
        let settings = try PolicyLoader.load(try branchFiles()).get().settings
        #expect(settings.loyalty.minLongTermPolicies == 6)
        #expect(settings.loyalty.entitlement == "free_accident_cover")
        #expect(settings.risk.letterSegment == "risk_averse")
        #expect(settings.risk.newPolicyWithinDays == 30)
        #expect(settings.bundles.map(\.segment) == ["risk_averse", "risk_seeking", nil])
        #expect(settings.bundles.map(\.bundle) == ["accident_heavy", "investment_linked", "balanced"])
        for rule in settings.bundles {
            let total = rule.lines.reduce(FixedDecimal(scaled: 0)) { $0.adding($1.share) ?? $0 }
            #expect(total == FixedDecimal(integer: 1), "\(rule.bundle)")
        }
        #expect(settings.bundles[0].lines.first == BundleRule.Line(productLine: "accident", share: FixedDecimal("0.40")!))
    }

    @Test func theLoyalSegmentFollowsTheThresholdSetting() throws {
        let five = try facts(["household.long_term_policies": .int(5)])
        let branch = PolicyEvaluator(try PolicyLoader.load(try branchFiles()).get())
        #expect(!branch.evaluate(five).segments.contains("loyal_household"))
        // The same set with the threshold at 5: the segment reads the setting.
        let lowered = try branchFiles().map { file in
            PolicySourceFile(
                name: file.name,
                text: file.text.replacingOccurrences(of: "min_long_term_policies: 6", with: "min_long_term_policies: 5"))
        }
        let set = try PolicyLoader.load(lowered).get()
        #expect(set.settings.loyalty.minLongTermPolicies == 5)
        #expect(PolicyEvaluator(set).evaluate(five).segments.contains("loyal_household"))
        #expect(!PolicyEvaluator(set).evaluate(try facts(["household.long_term_policies": .int(4)])).segments.contains("loyal_household"))
    }

    @Test func segmentsDefinedInAnotherFileAreFound() throws {
        let settings = """
            settings:
              risk: {letter_segment: risk_averse}
              bundles:
                - {segment: risk_seeking, bundle: bold, lines: {investment_linked: 1}}
                - {default: true, bundle: plain, lines: {life: 0.5, health: 0.5}}

            """
        #expect(diagnostics(settings).isEmpty)
    }

    @Test func aMisspelledLetterSegmentIsReportedWhereItIsWritten() {
        let found = diagnostics("settings:\n  risk:\n    letter_segment: risk_avers\n")
        #expect(found.map(\.description) == [
            "settings.yaml:3:21: unknown_segment: no segment 'risk_avers' in the set; did you mean 'risk_averse'?",
        ])
    }

    @Test func aMisspelledBundleSegmentIsReportedWhereItIsWritten() {
        let settings = """
            settings:
              bundles:
                - segment: risk_seekng
                  bundle: bold
                  lines: {investment_linked: 1}

            """
        #expect(diagnostics(settings).map(\.description) == [
            "settings.yaml:3:16: unknown_segment: no segment 'risk_seekng' in the set; did you mean 'risk_seeking'?",
        ])
    }

    @Test func wrongValuesAreReported() {
        func codes(_ text: String) -> [PolicyDiagnostic.Code] { diagnostics(text).map(\.code) }
        #expect(codes("settings:\n  risk: {new_policy_within: 0d}\n") == [.invalidValue])
        #expect(codes("settings:\n  risk: {new_policy_within: 11y}\n") == [.invalidValue])
        #expect(codes("settings:\n  risk: {new_policy_within: soon}\n") == [.invalidValue])
        #expect(codes("settings:\n  risk: {letter_segmnt: risk_averse}\n") == [.unexpectedKey])
        #expect(codes("settings:\n  loyalty: {min_long_term_policies: six}\n") == [.invalidValue])
        #expect(codes("settings:\n  loyalty: {entitlement: free_acident_cover}\n") == [.unknownEntitlement])
        #expect(codes("settings:\n  bundles: {segment: risk_averse}\n") == [.wrongNodeKind])
        #expect(codes("settings:\n  bundles:\n    - {bundle: plain, lines: {life: 1}}\n") == [.missingKey])
        #expect(codes("settings:\n  bundles:\n    - {segment: risk_averse, bundle: Calm, lines: {life: 1}}\n") == [.invalidValue])
        #expect(codes("settings:\n  bundles:\n    - {segment: risk_averse, bundle: calm, lines: {life: 0}}\n") == [.invalidValue])
        #expect(codes("settings:\n  bundles:\n    - {segment: risk_averse, bundle: calm}\n") == [.missingKey])
    }

    @Test func aSettingIsDefinedInOneFileOnly() {
        let files = [
            "catalogue.yaml": PolicySetFixture.catalogue, "segments.yaml": Self.segments,
            "a.yaml": "settings:\n  risk: {letter_segment: risk_averse}\n",
            "b.yaml": "settings:\n  risk: {letter_segment: risk_seeking}\n",
        ]
        guard case .failure(let list) = load(files) else {
            Issue.record("two letter segments loaded")
            return
        }
        #expect(list.diagnostics.map(\.code) == [.duplicateName])
        #expect(list.diagnostics.first?.location.file == "b.yaml")
    }
}
