import Foundation
import Testing
import TierServer
import TierStore

/// The SLA job: overdue open tickets are escalated once.
@Suite struct JobsSLATests {
    private func runSLA(_ store: StoreDatabase) async throws -> [String: Int] {
        let result = try await JobRunner.run(
            SLAJob(), holder: "daemon-a", ttl: .seconds(60), scheduledFor: nil, context: JobsFixture.context,
            pool: store.pool)
        guard case .succeeded(_, let counts) = result else { throw StoreTestError("SLA job did not run: \(result)") }
        return counts
    }

    @Test func overdueOpenTicketsAreEscalatedOnce() async throws {
        let store = try await JobsFixture.make()
        let open = try await JobsFixture.ticket(store, customer: 1, status: "open", dueInSeconds: -3600)
        let inProgress = try await JobsFixture.ticket(store, customer: 2, status: "in_progress", dueInSeconds: -60)
        try await JobsFixture.ticket(store, status: "closed", dueInSeconds: -3600)
        try await JobsFixture.ticket(store, status: "cancelled", dueInSeconds: -3600)
        try await JobsFixture.ticket(store, status: "open", dueInSeconds: 3600)

        #expect(try await runSLA(store) == ["overdue": 2, "escalated": 2])
        let tasks = try await store.value(
            """
            SELECT string_agg(concat_ws(' ', kind, customer_id, priority, idempotency_key, status,
                                        payload->>'ticket_id', payload->>'branch_id', payload ? 'sla_due_at'), ', ' ORDER BY id)
            FROM tasks
            """, as: String.self)
        #expect(tasks == """
            sla_escalation 1 80 sla_escalation:\(open) pending \(open) 1 t, \
            sla_escalation 2 80 sla_escalation:\(inProgress) pending \(inProgress) 1 t
            """)

        // Still overdue, but already escalated.
        #expect(try await runSLA(store) == ["overdue": 2, "escalated": 0])
        #expect(try await store.value("SELECT count(*) FROM tasks", as: Int.self) == 2)
        let runs = try await store.value(
            "SELECT string_agg(counts::text, ' | ' ORDER BY id) FROM job_runs WHERE job = 'sla'", as: String.self)
        #expect(runs == #"{"overdue": 2, "escalated": 2} | {"overdue": 2, "escalated": 0}"#)
        await store.close()
    }

    @Test func theCatalogKnowsTheSLAJobAndEveryJobHasAScheduleSetting() {
        #expect(JobCatalog.all["sla"] is SLAJob)
        #expect(JobCatalog.names == ServerConfiguration.Jobs.scheduledJobs.sorted())
        #expect(Set(ServerConfiguration.Jobs.defaultSchedules.keys) == Set(JobCatalog.names))
    }
}
