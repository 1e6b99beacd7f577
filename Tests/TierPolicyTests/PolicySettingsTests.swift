import Testing
import TierPolicy

@Suite struct PolicySettingsTests {
    private func errors(_ files: [String: String]) -> [PolicyDiagnostic] {
        if case .failure(let list) = load(files) { return list.diagnostics }
        return []
    }

    /// Loads `text` as `settings.yaml` beside the fixture catalogue and expects exactly one
    /// diagnostic, with this code, at this place.
    private func expectOne(_ text: String, _ code: PolicyDiagnostic.Code, at line: Int, _ column: Int,
                           sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let found = errors(["catalogue.yaml": PolicySetFixture.catalogue, "settings.yaml": text])
        #expect(found.map(\.code) == [code], "\(found)", sourceLocation: sourceLocation)
        #expect(found.first?.location == PolicyLocation(file: "settings.yaml", line: line, column: column), "\(found)",
                sourceLocation: sourceLocation)
    }

    private func settings(_ text: String) throws -> PolicySettings {
        try load(["catalogue.yaml": PolicySetFixture.catalogue, "settings.yaml": text]).get().settings
    }

    @Test func defaultsWhenNoFileHasSettings() throws {
        let set = try load(PolicySetFixture.files).get()
        #expect(set.settings == PolicySettings())
        #expect(set.settings.revisitLapseDays == 730)
        #expect(set.settings.churnReasons == ["price", "service", "competitor", "no_longer_needed", "moved", "bad_experience", "other"])
        #expect(set.settings.churnReasons == PolicySettings.defaultChurnReasons)
        #expect(set.settings.greenChannel.isEmpty)
        #expect(set.settings.greenChannel("claims") == nil)
        // A section may be present with nothing of another in it.
        #expect(try settings("settings:\n  revisits:\n    lapse_after: 30d\n").greenChannel.isEmpty)
        #expect(try settings("settings:\n  green_channel: {}\n").revisitLapseDays == 730)
        #expect(try settings("settings:\n  revisits:\n    lapse_after: 30d\n").churnReasons == PolicySettings.defaultChurnReasons)
    }

    @Test func churnReasonsAreParsedInOrder() throws {
        #expect(try settings("settings:\n  revisits:\n    churn_reasons: [price, moved_away, other2]\n").churnReasons
            == ["price", "moved_away", "other2"])
        let block = try settings("settings:\n  revisits:\n    churn_reasons:\n      - service\n      - price\n    lapse_after: 1y\n")
        #expect(block.churnReasons == ["service", "price"])
        #expect(block.revisitLapseDays == 365)
        #expect(try settings("settings:\n  revisits:\n    churn_reasons: [\"price\"]\n").churnReasons == ["price"])
        // Not an expression constant: only the daemon reads it.
        #expect(block.constant("revisits.churn_reasons") == nil)
    }

    @Test func churnReasonsAreAListOfUniqueWords() {
        let head = "settings:\n  revisits:\n    churn_reasons: "
        expectOne(head + "price\n", .wrongNodeKind, at: 3, 20)
        expectOne(head + "{price: 1}\n", .wrongNodeKind, at: 3, 20)
        expectOne(head + "[]\n", .invalidValue, at: 3, 20)
        for bad in ["Price", "2nd", "no-longer", "too expensive", "价格", "_x", "\"\""] {
            expectOne(head + "[price, \(bad)]\n", .invalidValue, at: 3, 28)
        }
        expectOne(head + "[price, [service]]\n", .wrongNodeKind, at: 3, 28)
        expectOne(head + "\n      - price\n      - bad reason\n", .invalidValue, at: 5, 9)
        expectOne(head + "[price, moved, price]\n", .duplicateName, at: 3, 35)
        let twice = errors(["catalogue.yaml": PolicySetFixture.catalogue, "settings.yaml": head + "[price, moved, price]\n"])
        #expect(twice.first?.message.contains("settings.yaml:3:21") == true, "\(twice)")
        let bad = errors(["catalogue.yaml": PolicySetFixture.catalogue, "settings.yaml": head + "[price, Price]\n"])
        #expect(bad.first?.description.hasPrefix("settings.yaml:3:28: invalid_value: ") == true, "\(bad)")
    }

    @Test func churnReasonsAreDefinedInOneFileAndReportedWithOtherProblems() {
        let reasons = "settings:\n  revisits:\n    churn_reasons: [price]\n"
        let twice = errors(["catalogue.yaml": PolicySetFixture.catalogue, "a.yaml": reasons, "b.yaml": reasons])
        #expect(twice.map(\.code) == [.duplicateName])
        #expect(twice.first?.location == PolicyLocation(file: "b.yaml", line: 3, column: 5))
        // A wrong lapse_after does not hide a wrong churn reason.
        let both = errors(["catalogue.yaml": PolicySetFixture.catalogue,
                           "settings.yaml": "settings:\n  revisits:\n    lapse_after: 0d\n    churn_reasons: [ok, Not_ok, ok]\n"])
        #expect(both.map(\.code) == [.invalidValue, .invalidValue, .duplicateName], "\(both)")
        #expect(both.map { "\($0.location.line):\($0.location.column)" } == ["3:18", "4:25", "4:33"])
    }

    @Test func valuesAreParsed() throws {
        let text = """
            settings:
              revisits:
                lapse_after: 2y
              green_channel:
                counter:
                  entitlements: [counter_priority]
                  channel: counter
                  sla_hours: 2
                  priority: 50
                claims:
                  entitlements:
                    - health_checkup
                    - travel_assistance
            """
        let parsed = try settings(text)
        #expect(parsed.revisitLapseDays == 730)
        #expect(parsed.constant("revisits.lapse_after")?.value == .duration(730))
        #expect(parsed.constant("revisits.lapse_after")?.type == .duration)
        let at = PolicyLocation(file: "settings.yaml", line: 5, column: 5)
        #expect(parsed.greenChannel("counter") == GreenChannelRule(kind: "counter", entitlements: ["counter_priority"], channel: "counter",
                                                                   slaHours: 2, priority: 50, location: at))
        let claims = try #require(parsed.greenChannel("claims"))
        #expect(claims.entitlements == ["health_checkup", "travel_assistance"])
        #expect((claims.channel, claims.slaHours, claims.priority) == ("counter", 24, 0))
        #expect(claims.location == PolicyLocation(file: "settings.yaml", line: 10, column: 5))
        #expect(parsed.greenChannel("underwriting") == nil)
        #expect(try settings("settings:\n  revisits:\n    lapse_after: 3w\n").revisitLapseDays == 21)
        #expect(try settings("settings:\n  green_channel:\n    claims: {entitlements: [health_checkup], channel: phone, priority: 0}\n")
            .greenChannel("claims")?.channel == "phone")
    }

    @Test func unknownSectionsKeysAndKindsAreReportedWithSuggestions() {
        expectOne("settings:\n  revisit:\n    lapse_after: 30d\n", .unexpectedKey, at: 2, 3)
        expectOne("settings:\n  revisits:\n    lapse_afterr: 30d\n", .unexpectedKey, at: 3, 5)
        expectOne("settings:\n  green_channel:\n    lobby:\n      entitlements: [counter_priority]\n", .unexpectedKey, at: 3, 5)
        expectOne("settings:\n  green_channel:\n    claims:\n      entitlements: [health_checkup]\n      sla: 4\n", .unexpectedKey, at: 5, 7)
        let typo = errors(["catalogue.yaml": PolicySetFixture.catalogue, "settings.yaml": "settings:\n  revisits:\n    lapse_afterr: 30d\n"])
        #expect(typo.first?.message.contains("did you mean 'lapse_after'?") == true, "\(typo)")
        let section = errors(["catalogue.yaml": PolicySetFixture.catalogue, "settings.yaml": "settings:\n  green_channels: {}\n"])
        #expect(section.first?.message.contains("did you mean 'green_channel'?") == true, "\(section)")
    }

    @Test func valuesOfTheWrongShapeAreReported() {
        expectOne("settings: [revisits]\n", .wrongNodeKind, at: 1, 11)
        expectOne("settings:\n  revisits: 730d\n", .wrongNodeKind, at: 2, 13)
        expectOne("settings:\n  revisits:\n    lapse_after: [730d]\n", .wrongNodeKind, at: 3, 18)
        expectOne("settings:\n  green_channel: [claims]\n", .wrongNodeKind, at: 2, 18)
        expectOne("settings:\n  green_channel:\n    claims: health_checkup\n", .wrongNodeKind, at: 3, 13)
        expectOne("settings:\n  green_channel:\n    claims:\n      entitlements: health_checkup\n", .wrongNodeKind, at: 4, 21)
        expectOne("settings:\n  green_channel:\n    claims:\n      entitlements: [[health_checkup]]\n", .wrongNodeKind, at: 4, 22)
        expectOne("settings:\n  green_channel:\n    claims:\n      entitlements: [health_checkup]\n      sla_hours: {h: 1}\n",
                  .wrongNodeKind, at: 5, 18)
    }

    @Test func lapseAfterIsAPositiveDurationLiteral() {
        for bad in ["730", "0d", "-30d", "soon", "today", "365d + 1d", "36501d", "99999999999999999999d", "2026-01-01"] {
            expectOne("settings:\n  revisits:\n    lapse_after: \(bad)\n", .invalidValue, at: 3, 18)
        }
        expectOne("settings:\n  revisits:\n    lapse_after: \"soon\"\n", .invalidValue, at: 3, 18)
    }

    @Test func greenChannelFieldsAreChecked() {
        let head = "settings:\n  green_channel:\n    claims:\n"
        expectOne(head + "      entitlements: [health_checkup, claims_green_chanel]\n", .unknownEntitlement, at: 4, 38)
        expectOne(head + "      entitlements:\n        - nope\n", .unknownEntitlement, at: 5, 11)
        expectOne(head + "      sla_hours: 4\n", .missingKey, at: 4, 7)
        expectOne(head + "      entitlements: []\n", .invalidValue, at: 4, 21)
        for bad in ["0", "-1", "1.5", "two", "99999999999999999999"] {
            expectOne(head + "      entitlements: [health_checkup]\n      sla_hours: \(bad)\n", .invalidValue, at: 5, 18)
        }
        for bad in ["-1", "0.5", "high"] {
            expectOne(head + "      entitlements: [health_checkup]\n      priority: \(bad)\n", .invalidValue, at: 5, 17)
        }
        expectOne(head + "      entitlements: [health_checkup]\n      channel: branch\n", .invalidValue, at: 5, 16)
        // counter_priority applies only at the counter, so it can never open a channel evaluated on the phone.
        expectOne(head + "      entitlements: [counter_priority]\n      channel: phone\n", .invalidValue, at: 4, 22)
        let unknown = errors(["catalogue.yaml": PolicySetFixture.catalogue,
                              "settings.yaml": head + "      entitlements: [helth_checkup]\n"])
        #expect(unknown.first?.message.contains("did you mean 'health_checkup'?") == true, "\(unknown)")
    }

    @Test func everySettingsProblemIsReportedAtOnce() {
        let text = """
            settings:
              revisits:
                lapse_after: 0d
              green_channel:
                lobby: {entitlements: [health_checkup]}
                claims:
                  entitlements: [nope]
                  sla_hours: 0
                  priority: -1
                  channel: fax
            segments:
              x: custmer.age > 3
            """
        let found = errors(["catalogue.yaml": PolicySetFixture.catalogue, "settings.yaml": text])
        #expect(found.map(\.code) == [.invalidValue, .unexpectedKey, .unknownEntitlement, .invalidValue, .invalidValue, .invalidValue, .unknownFact],
                "\(found)")
        #expect(found.map { "\($0.location.line):\($0.location.column)" } == ["3:18", "5:5", "7:22", "8:18", "9:17", "10:16", "12:6"])
        #expect(found.first?.description.hasPrefix("settings.yaml:3:18: invalid_value: ") == true)
    }

    @Test func aSettingIsDefinedInOneFileOnly() throws {
        let lapse = "settings:\n  revisits:\n    lapse_after: 365d\n"
        let twice = errors(["catalogue.yaml": PolicySetFixture.catalogue, "a.yaml": lapse, "b.yaml": "title: b\n" + lapse])
        #expect(twice.map(\.code) == [.duplicateName])
        #expect(twice.first?.location == PolicyLocation(file: "b.yaml", line: 4, column: 5))
        #expect(twice.first?.message.contains("a.yaml:3:5") == true, "\(twice)")

        // green_channel may be split across files by kind, but a kind is configured once.
        let claims = "settings:\n  green_channel:\n    claims: {entitlements: [health_checkup]}\n"
        let counter = "settings:\n  green_channel:\n    counter: {entitlements: [counter_priority]}\n"
        let split = try load(["catalogue.yaml": PolicySetFixture.catalogue, "a.yaml": claims, "b.yaml": counter + "  revisits:\n    lapse_after: 365d\n"]).get()
        #expect(split.settings.greenChannel.keys.sorted() == ["claims", "counter"])
        #expect(split.settings.revisitLapseDays == 365)
        let kindTwice = errors(["catalogue.yaml": PolicySetFixture.catalogue, "a.yaml": claims, "b.yaml": claims])
        #expect(kindTwice.map(\.code) == [.duplicateName])
        #expect(kindTwice.first?.location == PolicyLocation(file: "b.yaml", line: 3, column: 5))
    }

    @Test func expressionsReadScalarSettingsAsConstants() throws {
        let scope = ExpressionScope(settings: PolicySettings(revisitLapseDays: 365))
        let lapse = try compile("settings.revisits.lapse_after", scope: scope).get()
        #expect(lapse.type == .duration)
        #expect(lapse.evaluate(EvaluationFrame(facts: [], asOf: 0)) == .duration(365))
        #expect(lapse.factsRead.isEmpty)
        #expect(try compile("today - settings.revisits.lapse_after").get().type == .date)
        #expect(try compile("settings.revisits.lapse_after * 2 > 1y").get().type == .bool)

        func failure(_ text: String) -> [PolicyDiagnostic] {
            if case .failure(let list) = compile(text) { return list.diagnostics }
            return []
        }
        let typo = failure("1 + settings.revisits.lapse_afer")
        #expect(typo.map(\.code) == [.unknownSetting])
        #expect(typo.first?.location == PolicyLocation(file: "test.yaml", line: 1, column: 5))
        #expect(typo.first?.message.contains("did you mean 'settings.revisits.lapse_after'?") == true, "\(typo)")
        #expect(failure("settings.revisits").first?.message.contains("group of settings") == true)
        #expect(failure("settings.green_channel.claims.sla_hours > 3").map(\.code) == [.unknownSetting])
        #expect(failure("settings").map(\.code) == [.unknownSetting])
        #expect(failure("settings.revisits.lapse_after > 3").map(\.code) == [.typeMismatch])

        // In a set, an unknown setting is reported like any other unknown name, at its place.
        expectOne("segments:\n  lapsed: today - customer.since > settings.revisit.lapse_after\n", .unknownSetting, at: 2, 36)
    }

    @Test func changingLapseAfterChangesTheDecision() throws {
        let rules = """
            segments:
              lapsed: has(history.last_purchase_on) && history.last_purchase_on < today - settings.revisits.lapse_after
            tasks:
              - kind: revisit
                when: segment.lapsed
                key: "revisit:{customer.id}"
                due: today + 7d
                payload: {lapse_after: settings.revisits.lapse_after}
            """
        func decision(_ lapseAfter: String?, daysSince days: Int) throws -> Decision {
            var files = ["catalogue.yaml": PolicySetFixture.catalogue, "rules.yaml": rules]
            if let lapseAfter { files["settings.yaml"] = "settings:\n  revisits:\n    lapse_after: \(lapseAfter)\n" }
            let asOf = try #require(CivilDate.parse("2026-06-15"))
            let input = try facts(["history.last_purchase_on": .date(asOf - days)])
            return PolicyEvaluator(try load(files).get()).evaluate(input)
        }
        #expect(try decision("365d", daysSince: 400).segments.contains("lapsed"))
        #expect(try decision("730d", daysSince: 400).segments.contains("lapsed") == false)
        #expect(try decision(nil, daysSince: 400).segments.contains("lapsed") == false)
        // The boundary is exact: more than lapse_after days, as with days_since(...) > 365.
        #expect(try decision("365d", daysSince: 365).segments.contains("lapsed") == false)
        #expect(try decision("365d", daysSince: 366).segments.contains("lapsed"))
        #expect(try decision(nil, daysSince: 731).segments.contains("lapsed"))
        #expect(try decision("1y", daysSince: 400).tasks.first?.payload.first?.value == .duration(365))
    }

    @Test func theBranchSetKeepsItsSettingsInOnePlace() throws {
        let directory = PolicySetsOnDiskTests.root.appendingPathComponent("branch").path
        let set = try PolicyLoader.load(try PolicySetsOnDiskTests.files(directory) { !$0.hasPrefix("tests/") }).get()
        #expect(set.settings.revisitLapseDays == 730)
        #expect(set.settings.churnReasons == PolicySettings.defaultChurnReasons)
        let at = { (line: Int) in PolicyLocation(file: "channels.yaml", line: line, column: 5) }
        #expect(set.settings.greenChannel == [
            "counter": GreenChannelRule(kind: "counter", entitlements: ["counter_priority"], channel: "counter", slaHours: 2, priority: 50, location: at(15)),
            "claims": GreenChannelRule(kind: "claims", entitlements: ["claims_green_channel"], slaHours: 72, priority: 60, location: at(22)),
            "underwriting": GreenChannelRule(kind: "underwriting", entitlements: ["simplified_enrolment"], slaHours: 48, priority: 40, location: at(27)),
        ])
    }
}

/// The settings the periodic jobs and `bundles.recommend` read.
@Suite struct JobSettingsTests {
    private func load(_ settings: String, segments: String = "") -> Result<PolicySet, PolicyDiagnosticList> {
        TierPolicyTests.load(["catalogue.yaml": PolicySetFixture.catalogue, "settings.yaml": settings + segments])
    }

    private func codes(_ settings: String, segments: String = "") -> [PolicyDiagnostic.Code] {
        if case .failure(let list) = load(settings, segments: segments) { return list.diagnostics.map(\.code) }
        return []
    }

    @Test func defaults() throws {
        let settings = try load("settings: {}\n").get().settings
        #expect(settings.loyalty.minLongTermPolicies == 6)
        #expect(settings.loyalty.entitlement == nil)
        #expect(settings.referrals.commissionRate == nil)
        #expect(settings.risk.letterSegment == nil)
        #expect(settings.risk.newPolicyWithinDays == 30)
        #expect(settings.bundles.isEmpty)
        #expect(settings.classification.windowDays == 1095)
        #expect(settings.classification.abcCuts.map(\.description) == ["0.8", "0.95"])
        #expect(settings.constant("loyalty.min_long_term_policies")?.value == .int(6))
    }

    @Test func readsEverySection() throws {
        let segments = "segments:\n  averse: customer.age > 60\n"
        let text = """
            settings:
              loyalty: {min_long_term_policies: 5, fulfilment_priority: 70}
              referrals: {commission_rate: 0.075, review_priority: 90}
              risk: {letter_segment: averse, new_policy_within: 2w, letter_priority: 10}
              bundles:
                - {segment: averse, bundle: calm, lines: {accident: 0.5, health: 0.5}}
                - {default: true, bundle: plain, lines: {life: 1}}
              classification: {window: 2y, abc_cuts: [0.7, 0.9], loyal_after: 400d}

            """
        let settings = try load(text, segments: segments).get().settings
        #expect(settings.loyalty.minLongTermPolicies == 5)
        #expect(settings.loyalty.fulfilmentPriority == 70)
        #expect(settings.referrals.commissionRate?.description == "0.075")
        #expect(settings.referrals.reviewPriority == 90)
        #expect(settings.risk.letterSegment == "averse")
        #expect(settings.risk.newPolicyWithinDays == 14)
        #expect(settings.bundles.map(\.bundle) == ["calm", "plain"])
        #expect(settings.bundles.map(\.segment) == ["averse", nil])
        #expect(settings.classification.windowDays == 730)
        #expect(settings.classification.loyalAfterDays == 400)
    }

    @Test func wrongValuesAreDiagnosed() {
        #expect(codes("settings:\n  loyalty: {min_long_term_policies: 0}\n") == [.invalidValue])
        #expect(codes("settings:\n  loyalty: {entitlement: no_such_thing}\n") == [.unknownEntitlement])
        #expect(codes("settings:\n  referrals: {commission_rate: 1.5}\n") == [.invalidValue])
        #expect(codes("settings:\n  referrals: {commission_rate: 0}\n") == [.invalidValue])
        #expect(codes("settings:\n  risk: {letter_priority: 101}\n") == [.invalidValue])
        #expect(codes("settings:\n  loyalty: {fulfilment_priority: -1}\n") == [.invalidValue])
        #expect(codes("settings:\n  risk: {letter_segment: avers}\n", segments: "segments:\n  averse: customer.age > 60\n")
            == [.unknownSegment])
        #expect(codes("settings:\n  bundles:\n    - {segment: x, bundle: b, lines: {life: 0.5}}\n", segments: "segments:\n  x: customer.age > 1\n")
            == [.invalidValue])
        #expect(codes("settings:\n  bundles:\n    - {default: true, bundle: b, lines: {life: 1}}\n    - {segment: x, bundle: c, lines: {life: 1}}\n",
                      segments: "segments:\n  x: customer.age > 1\n") == [.invalidValue])
        #expect(codes("settings:\n  bundles:\n    - {segment: x, bundle: b, lines: {cars: 1}}\n", segments: "segments:\n  x: customer.age > 1\n")
            == [.invalidValue])
        #expect(codes("settings:\n  classification: {abc_cuts: [0.9, 0.8]}\n") == [.invalidValue])
        #expect(codes("settings:\n  classification: {value_table: valu}\n") == [.unknownTier])
        #expect(codes("settings:\n  classification: {window: 0d}\n") == [.invalidValue])
    }
}
