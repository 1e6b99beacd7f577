import Foundation
import Testing
import TierClient
import TierServer
import TierStore
import TierWire

/// `jobs.run` over the protocol: an admin runs a job in the daemon; other roles and
/// unknown jobs are refused; the run and the call are recorded.
@Suite(.serialized) struct JobsRunEndToEndTests {
    @Test func anAdminRunsTheRevisitJobAndASecondRunCreatesNothing() async throws {
        try await withDaemon(customers: 300) { daemon in
            let admin = try await daemon.client(.admin)
            let first = try await admin.call(JobsRun.self, .init(job: "revisit"))
            #expect(first.status == "succeeded")
            let lapsed = try #require(first.counts?["lapsed"])
            #expect(lapsed > 0, "the synthetic branch has lapsed customers")
            #expect(first.counts?["created"] == lapsed)
            let second = try await admin.call(JobsRun.self, .init(job: "revisit"))
            #expect(second.counts == ["lapsed": lapsed, "planned": lapsed, "created": 0])
            #expect(second.runId != first.runId)

            let recorded = try await daemon.query { connection in
                try connection.execute(
                    """
                    SELECT (SELECT count(*) FROM job_runs WHERE job = 'revisit' AND status = 'succeeded' AND scheduled_for IS NULL),
                           (SELECT count(*) FROM audit_log WHERE action = 'job.run' AND target_id = 'revisit' AND principal = 'test-admin'),
                           (SELECT count(*) FROM tasks WHERE kind = 'revisit')
                    """).map { [try $0.decode(0, as: Int64.self), try $0.decode(1, as: Int64.self), try $0.decode(2, as: Int64.self)] }
            }
            #expect(recorded == [[2, 2, Int64(lapsed)]])
            await admin.close()
        }
    }

    @Test func otherRolesAndUnknownJobsAreRefused() async throws {
        try await withDaemon(customers: 20) { daemon in
            let admin = try await daemon.client(.admin)
            await expectRPCError(.invalidParams, path: "params.job") {
                _ = try await admin.call(JobsRun.self, .init(job: "nightly"))
            }
            for role in [Role.counter, .scheduler, .policyAdmin] {
                let client = try await daemon.client(role)
                await expectRPCError(.forbidden) { _ = try await client.call(JobsRun.self, .init(job: "sla")) }
                await client.close()
            }
            #expect(try await daemon.query { try $0.execute("SELECT count(*) FROM job_runs").scalar(Int.self) } == 0)
            await admin.close()
        }
    }

    @Test func aJobLedByAnotherDaemonIsSkipped() async throws {
        try await withDaemon(customers: 20) { daemon in
            _ = try await daemon.query {
                try JobLeases.acquire(job: "sla", holder: "elsewhere", ttl: .seconds(120), on: $0)
            }
            let admin = try await daemon.client(.admin)
            let result = try await admin.call(JobsRun.self, .init(job: "sla"))
            #expect(result == JobsRun.Result(job: "sla", status: "skipped", heldBy: "elsewhere"))
            await admin.close()
        }
    }
}
