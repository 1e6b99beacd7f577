import Testing
import TierPolicy

@Suite struct PolicyLoadErrorTests {
    private func errors(_ files: [String: String]) -> [PolicyDiagnostic] {
        if case .failure(let list) = load(files) { return list.diagnostics }
        return []
    }

    private func expectOne(_ text: String, _ code: PolicyDiagnostic.Code, line: Int, column: Int? = nil,
                           sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let found = errors(["catalogue.yaml": PolicySetFixture.catalogue, "broken.yaml": text])
        #expect(found.map(\.code) == [code], "\(found)", sourceLocation: sourceLocation)
        #expect(found.first?.location.file == "broken.yaml", sourceLocation: sourceLocation)
        #expect(found.first?.location.line == line, "\(found)", sourceLocation: sourceLocation)
        if let column { #expect(found.first?.location.column == column, "\(found)", sourceLocation: sourceLocation) }
    }

    @Test func eachMistakeIsReportedAtItsPlace() {
        expectOne("entitlements:\n  - grant: no_such_thing\n    when: true\n    reason: x\n", .unknownEntitlement, line: 2, column: 12)
        expectOne("segments:\n  a: segment.b\n  b: segment.a\n", .segmentCycle, line: 2, column: 3)
        expectOne("segments:\n  old: customer.age >= \"forty\"\n", .typeMismatch, line: 2, column: 21)
        expectOne("segments:\n  x: custmer.age > 3\n", .unknownFact, line: 2, column: 6)
        expectOne("segments:\n  x: [unclosed\n", .yamlSyntax, line: 3)
        expectOne("segmnts:\n  x: true\n", .unexpectedKey, line: 1, column: 1)
        expectOne("tiers:\n  t:\n    rows:\n      - {when: \"household.size >= 2\", tier: a}\n      - {when: \"household.size >= 3\", tier: b}\n",
                  .unreachableRow, line: 5)
        expectOne("tiers:\n  t:\n    rows:\n      - {when: \"true\", tier: a}\n      - {when: \"household.size >= 3\", tier: b}\n",
                  .unreachableRow, line: 5)
        expectOne("tasks:\n  - kind: call\n    when: true\n    key: \"call:{customer.id\"\n    due: today\n", .invalidTemplate, line: 4)
        expectOne("tasks:\n  - kind: call\n    when: true\n    key: \"everyone\"\n    due: today\n", .invalidTemplate, line: 4)
        expectOne("tasks:\n  - kind: call\n    when: true\n    key: \"c:{customer.id}\"\n    due: 7d\n", .typeMismatch, line: 5)
        expectOne("entitlements:\n  - grant: staff_discount\n    when: true\n", .missingKey, line: 2)
        expectOne("budgets:\n  nothing:\n    gold: {yearly: 1, services: []}\n", .unknownTier, line: 2, column: 3)
        expectOne("segments:\n  x: true\n  x: false\n", .duplicateName, line: 2, column: 3)
    }

    @Test func duplicateCodesAcrossFilesAreReported() {
        let found = errors(["a.yaml": PolicySetFixture.catalogue, "b.yaml": PolicySetFixture.catalogue])
        #expect(found.count == 6)
        #expect(found.allSatisfy { $0.code == .duplicateCode && $0.location.file == "b.yaml" })
    }

    @Test func everyProblemIsReportedAtOnceAndPrintedWithItsPlace() {
        let found = errors(["broken.yaml": "segments:\n  a: custmer.age > 1\n  b: segment.nope\n  c: household.size + true\n"])
        #expect(found.map(\.code) == [.unknownFact, .unknownSegment, .typeMismatch])
        #expect(found.first?.description.hasPrefix("broken.yaml:2:6: unknown_fact: ") == true)
    }
}
