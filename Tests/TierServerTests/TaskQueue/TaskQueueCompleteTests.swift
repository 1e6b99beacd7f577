import Foundation
import Testing
import TierPolicy
import TierServer
import TierStore
import TierWire

/// `tasks.complete`: outcomes, churn reasons from the policy, idempotent retries.
@Suite struct TaskQueueCompleteTests {
    @Test func completingRecordsOutcomeChurnReasonAndNote() async throws {
        let store = try await TaskQueueFixture.make()
        let id = try await TaskQueueFixture.insert(store, kind: "revisit")
        let task = try await TaskQueueFixture.claimOne(store)
        let done = try await TaskQueueFixture.complete(store, task, outcome: "reached", churn: "competitor", note: "  moved to another insurer  ")
        #expect(done == TaskState(taskId: id, status: "done", attempts: 1, leaseExpiresAt: nil, dueAt: nil))
        let row = try await store.query { connection in
            try connection.execute(
                "SELECT outcome, churn_reason, note, completed_at IS NOT NULL, lease_expires_at IS NULL FROM tasks WHERE id = $1::bigint", [id])[0]
        }
        #expect(try row.decode(0, as: String.self) == "reached")
        #expect(try row.decode(1, as: String.self) == "competitor")
        #expect(try row.decode(2, as: String.self) == "moved to another insurer")
        #expect(try row.decode(3, as: Bool.self) && row.decode(4, as: Bool.self))
        let audit = try await store.value(
            "SELECT principal || ' ' || detail::text FROM audit_log WHERE action = 'tasks.complete' AND target_kind = 'task' AND target_id = $1::text",
            [String(id)], as: String.self)
        #expect(audit == #"scheduler-1 {"kind": "revisit", "worker": "worker-a", "outcome": "reached", "attempts": 1, "churn_reason": "competitor"}"#)
        await store.close()
    }

    @Test func churnReasonsComeFromThePolicy() async throws {
        let store = try await TaskQueueFixture.make()
        let branch = try TaskQueueFixture.branchPolicy()
        #expect(branch.set.settings.churnReasons == ["price", "service", "competitor", "no_longer_needed", "moved", "bad_experience", "other"])
        try await TaskQueueFixture.insert(store, kind: "revisit")
        let task = try await TaskQueueFixture.claimOne(store)
        do {
            _ = try await TaskQueueFixture.complete(store, task, churn: "too_expensive")
            Issue.record("an unlisted churn reason was accepted")
        } catch let error as RPCError {
            #expect(error.code == .invalidParams && error.path == "params.churn_reason")
            #expect(error.message.contains("price, service, competitor, no_longer_needed, moved, bad_experience, other"), "\(error)")
        }
        // Another set, another list.
        let custom = try StorePolicies.load([PolicySourceFile(name: "s.yaml", text: """
            settings:
              revisits: {churn_reasons: [moved_abroad, too_expensive]}
            """)])
        await expectRPCError(.invalidParams, path: "params.churn_reason") {
            _ = try await TaskQueueFixture.complete(store, task, churn: "price", policy: custom)
        }
        #expect(try await TaskQueueFixture.column(store, task.taskId, "status") == "leased")
        #expect(try await TaskQueueFixture.complete(store, task, churn: "too_expensive", policy: custom).status == "done")
        #expect(try await TaskQueueFixture.column(store, task.taskId, "churn_reason") == "too_expensive")
        await store.close()
    }

    @Test func onlyRevisitsTakeAChurnReason() async throws {
        let store = try await TaskQueueFixture.make()
        try await TaskQueueFixture.insert(store, kind: "tier_change")
        let task = try await TaskQueueFixture.claimOne(store)
        await expectRPCError(.invalidParams, path: "params.churn_reason") { _ = try await TaskQueueFixture.complete(store, task, churn: "price") }
        #expect(try await TaskQueueFixture.complete(store, task, outcome: "notified").status == "done")
        #expect(try await TaskQueueFixture.column(store, task.taskId, "churn_reason") == nil)
        await store.close()
    }

    @Test func completingAgainWithTheSameTokenAndOutcomeAnswersTheSame() async throws {
        let store = try await TaskQueueFixture.make()
        let id = try await TaskQueueFixture.insert(store)
        let task = try await TaskQueueFixture.claimOne(store)
        let first = try await TaskQueueFixture.complete(store, task, outcome: "reached", churn: "price")
        let again = try await TaskQueueFixture.complete(store, task, outcome: "reached", churn: "price", note: "retry")
        #expect(again == first)
        #expect(try await TaskQueueFixture.auditCount(store, "tasks.complete", target: id) == 1)
        #expect(try await TaskQueueFixture.column(store, id, "note") == nil)
        // A different outcome (or churn reason), or another token, is a conflict.
        await expectRPCError(.conflict) { _ = try await TaskQueueFixture.complete(store, task, outcome: "declined", churn: "price") }
        await expectRPCError(.conflict) { _ = try await TaskQueueFixture.complete(store, task, outcome: "reached", churn: "moved") }
        await expectRPCError(.conflict) { _ = try await TaskQueueFixture.complete(store, task, outcome: "reached") }
        await expectRPCError(.conflict) {
            _ = try await TaskQueueFixture.complete(store, task, token: UUID().uuidString, outcome: "reached", churn: "price")
        }
        await expectRPCError(.conflict) { _ = try await TaskQueueFixture.fail(store, task) }
        await expectRPCError(.conflict) { _ = try await TaskQueueFixture.heartbeat(store, task) }
        #expect(try await TaskQueueFixture.auditCount(store, "tasks.complete") == 1)
        #expect(try await TaskQueueFixture.column(store, id, "outcome") == "reached")
        await store.close()
    }

    @Test func aTaskClosedElsewhereIsAConflict() async throws {
        let store = try await TaskQueueFixture.make()
        let id = try await TaskQueueFixture.insert(store, kind: "green_channel_sla")
        let task = try await TaskQueueFixture.claimOne(store)
        // As greenchannel.close does: done, lease cleared.
        try await store.run("""
            UPDATE tasks SET status = 'done', completed_at = now(), outcome = 'ticket_closed',
                   lease_owner = NULL, lease_token = NULL, lease_expires_at = NULL WHERE id = \(id)
            """)
        do {
            _ = try await TaskQueueFixture.complete(store, task, outcome: "ticket_closed")
            Issue.record("completing a closed task was accepted")
        } catch let error as RPCError {
            #expect(error.code == .conflict)
            #expect(error.message == "the lease on task \(id) is no longer yours: the task is done with outcome 'ticket_closed'")
        }
        await store.close()
    }

    @Test func outcomeNoteAndTokenAreChecked() async throws {
        let store = try await TaskQueueFixture.make()
        try await TaskQueueFixture.insert(store)
        let task = try await TaskQueueFixture.claimOne(store)
        for bad in ["", "Reached", "no answer", "1st", String(repeating: "x", count: 101)] {
            await expectRPCError(.invalidParams, path: "params.outcome") { _ = try await TaskQueueFixture.complete(store, task, outcome: bad) }
        }
        await expectRPCError(.invalidParams, path: "params.note") { _ = try await TaskQueueFixture.complete(store, task, note: " ") }
        await expectRPCError(.invalidParams, path: "params.note") {
            _ = try await TaskQueueFixture.complete(store, task, note: String(repeating: "n", count: 2001))
        }
        await expectRPCError(.invalidParams, path: "params.lease_token") { _ = try await TaskQueueFixture.complete(store, task, token: "abc") }
        #expect(try await TaskQueueFixture.column(store, task.taskId, "status") == "leased")
        #expect(try await TaskQueueFixture.complete(store, task, outcome: String(repeating: "x", count: 100)).status == "done")
        await store.close()
    }
}
