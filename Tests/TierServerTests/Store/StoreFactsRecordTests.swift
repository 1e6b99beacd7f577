import Foundation
import Testing
import TierServer
import TierStore
import TierTestSupport
import TierWire

/// `facts.survey.record` and `facts.complaint.record`.
@Suite struct StoreFactsRecordTests {
    static let survey = FactsSurveyRecord.Params(
        externalId: "SV-1", customerId: 2, takenAt: "2026-05-01T10:15:00+08:00", instrument: "game", score: 82,
        profile: "seeking", answers: .object(["q1": .int(3)]))

    static let complaint = FactsComplaintRecord.Params(
        externalId: "CP-1", customerExternalId: "PAS-2", policyNo: "P-EXIST", receivedAt: "2026-02-01T09:00:00Z",
        category: "sales", misSelling: true)

    private func record(_ params: FactsSurveyRecord.Params, _ store: StoreDatabase) async throws -> FactsUpsertResult {
        try await FactsService.recordSurvey(params, principal: FactsFixture.admin, pool: store.pool)
    }

    private func record(_ params: FactsComplaintRecord.Params, _ store: StoreDatabase) async throws -> FactsUpsertResult {
        try await FactsService.recordComplaint(params, principal: FactsFixture.admin, pool: store.pool)
    }

    @Test func surveyCreateReplayAndFieldErrors() async throws {
        let store = try await StoreDatabase.make(script: FactsFixture.script)
        let created = try await record(Self.survey, store)
        #expect(created.created)
        #expect(try await record(Self.survey, store) == FactsUpsertResult(id: created.id, created: false))
        let row = try await store.query { connection in
            try connection.execute(
                "SELECT taken_at = timestamptz '2026-05-01 02:15:00+00', score, answers::text, external_ref FROM risk_surveys")[0]
        }
        #expect(try row.decode(0, as: Bool.self))
        #expect(try row.decode(1, as: Int.self) == 82)
        #expect(try row.decode(2, as: String.self) == #"{"q1": 3}"#)
        #expect(try row.decode(3, as: String.self) == "SV-1")
        #expect(try await FactsFixture.audits(store, "facts.survey.record") == [["pas-main", "risk_survey", String(created.id), "true"]])

        let cases: [(String, (inout FactsSurveyRecord.Params) -> Void)] = [
            ("params.instrument", { $0.instrument = "quiz" }),
            ("params.profile", { $0.profile = "bold" }),
            ("params.score", { $0.score = 101 }),
            ("params.score", { $0.score = -1 }),
            ("params.taken_at", { $0.takenAt = "2026-05-01" }),
            ("params.taken_at", { $0.takenAt = "yesterday" }),
            ("params.answers", { $0.answers = .string("yes") }),
            ("params.customer_id", { $0.customerExternalId = "PAS-2" }),
            ("params.customer_id", { $0.customerId = nil }),
            ("params.customer_id", { $0.customerId = 404 }),
            ("params.external_id", { $0.externalId = "\n" }),
        ]
        for (path, change) in cases {
            var params = Self.survey
            change(&params)
            await expectRPCError(.invalidParams, path: path) { _ = try await record(params, store) }
        }
        await store.close()
    }

    @Test func complaintCreateReplayResolveAndFieldErrors() async throws {
        let store = try await StoreDatabase.make(script: FactsFixture.script)
        let created = try await record(Self.complaint, store)
        #expect(created.created)
        #expect(try await record(Self.complaint, store) == FactsUpsertResult(id: created.id, created: false))
        var upheld = Self.complaint
        upheld.outcome = "upheld"
        upheld.resolvedAt = "2026-03-01T09:00:00Z"
        #expect(try await record(upheld, store) == FactsUpsertResult(id: created.id, created: false))
        let row = try await store.query { connection in
            try connection.execute("SELECT outcome, mis_selling, policy_id IS NOT NULL, resolved_at IS NOT NULL FROM complaints")[0]
        }
        #expect(try row.decode(0, as: String.self) == "upheld")
        #expect(try row.decode(1, as: Bool.self))
        #expect(try row.decode(2, as: Bool.self))
        #expect(try row.decode(3, as: Bool.self))
        #expect(try await FactsFixture.audits(store, "facts.complaint.record").map(\.last) == ["true", "false"])

        let cases: [(String, (inout FactsComplaintRecord.Params) -> Void)] = [
            ("params.category", { $0.category = "weather" }),
            ("params.outcome", { $0.outcome = "won" }),
            ("params.resolved_at", { $0.resolvedAt = "2026-03-01T09:00:00Z" }),  // pending
            ("params.resolved_at", { $0.outcome = "rejected" }),  // resolved needs it
            ("params.resolved_at", { $0.outcome = "rejected"; $0.resolvedAt = "2026-01-01T09:00:00Z" }),  // before received
            ("params.received_at", { $0.receivedAt = "2026-02-01 09:00" }),
            ("params.policy_no", { $0.policyNo = "P-404" }),
            ("params.customer_id", { $0.customerId = 1 }),  // both
            ("params.customer_external_id", { $0.customerExternalId = "PAS-404" }),
        ]
        for (path, change) in cases {
            var params = Self.complaint
            change(&params)
            await expectRPCError(.invalidParams, path: path) { _ = try await record(params, store) }
        }
        // The policy must be the customer's own.
        var otherHolder = Self.complaint
        otherHolder.externalId = "CP-2"
        otherHolder.customerExternalId = "PAS-1"
        await expectRPCError(.invalidParams, path: "params.policy_no") { _ = try await record(otherHolder, store) }
        #expect(try await store.value("SELECT count(*) FROM complaints", as: Int.self) == 1)
        await store.close()
    }

    @Test func externalIdsAreUniqueAndNotBlankInTheSchema() async throws {
        let store = try await StoreDatabase.make(script: FactsFixture.script)
        _ = try await record(Self.survey, store)
        let errors = try await store.query { connection -> [String?] in
            var constraints: [String?] = []
            for sql in [
                "INSERT INTO risk_surveys (customer_id, taken_at, instrument, score, profile, external_ref) VALUES (2, now(), 'game', 1, 'averse', 'SV-1')",
                "INSERT INTO risk_surveys (customer_id, taken_at, instrument, score, profile, external_ref) VALUES (2, now(), 'game', 1, 'averse', ' ')",
                "INSERT INTO complaints (customer_id, received_at, category, external_ref) VALUES (2, now(), 'sales', '')",
            ] {
                do { try connection.execute(sql) } catch let error as PGError { constraints.append(error.constraint) }
            }
            return constraints
        }
        #expect(errors == ["risk_surveys_external_ref_key", "risk_surveys_external_ref_check", "complaints_external_ref_check"])
        await store.close()
    }
}
