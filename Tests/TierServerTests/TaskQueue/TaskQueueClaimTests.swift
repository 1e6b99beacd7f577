import Foundation
import Testing
import TierServer
import TierStore
import TierWire

/// `tasks.claim`: order, due time, filters, params and audit.
@Suite struct TaskQueueClaimTests {
    @Test func claimsDueTasksMostUrgentFirst() async throws {
        let store = try await TaskQueueFixture.make()
        let low = try await TaskQueueFixture.insert(store, priority: 0, due: -3 * 3600)
        let urgentLater = try await TaskQueueFixture.insert(store, priority: 5, due: -3600, payload: #"{"lapse_after": 730, "vip": true}"#)
        let urgentEarlier = try await TaskQueueFixture.insert(store, priority: 5, due: -2 * 3600)
        let notDue = try await TaskQueueFixture.insert(store, priority: 9, due: 3600)
        let middle = try await TaskQueueFixture.insert(store, kind: "tier_change", customer: nil, priority: 1, due: -600)
        let done = try await TaskQueueFixture.insert(store, priority: 9)
        try await store.run("UPDATE tasks SET status = 'done', completed_at = now(), outcome = 'reached' WHERE id = \(done)")

        let claimed = try await TaskQueueFixture.claim(store, worker: "worker-a", leaseSeconds: 120)
        #expect(claimed.map(\.taskId) == [urgentEarlier, urgentLater, middle, low])
        #expect(!claimed.map(\.taskId).contains(notDue))

        let first = try #require(claimed.first(where: { $0.taskId == urgentLater }))
        #expect(first.kind == "revisit" && first.customerId == 1 && first.priority == 5 && first.attempts == 1)
        #expect(first.payload == ["lapse_after": .int(730), "vip": .bool(true)])
        #expect(claimed.first(where: { $0.taskId == middle })?.customerId == nil)
        #expect(Set(claimed.map(\.leaseToken)).count == 4)
        #expect(claimed.allSatisfy { UUID(uuidString: $0.leaseToken) != nil && $0.leaseToken == $0.leaseToken.lowercased() })
        let expires = try #require(WireTime.parseTimestamp(first.leaseExpiresAt))
        #expect(abs(expires.timeIntervalSinceNow - 120) < 10)
        #expect(WireTime.parseTimestamp(first.dueAt) != nil)

        let leased = try await store.value(
            "SELECT count(*) FROM tasks WHERE status = 'leased' AND lease_owner = 'worker-a' AND attempts = 1 AND lease_token IS NOT NULL",
            as: Int.self)
        #expect(leased == 4)
        // One audit row for the call, with the ids, by the principal.
        let audit = try await store.query { connection in
            try connection.execute(
                "SELECT principal, target_kind, target_id, detail ->> 'task_ids', (detail ->> 'lease_seconds')::int FROM audit_log WHERE action = 'tasks.claim'")
        }
        #expect(audit.count == 1)
        #expect(try audit[0].decode(0, as: String.self) == "scheduler-1")
        #expect(try audit[0].decode(1, as: String.self) == "worker")
        #expect(try audit[0].decode(2, as: String.self) == "worker-a")
        #expect(try audit[0].decode(3, as: String.self) == "[\(urgentEarlier), \(urgentLater), \(middle), \(low)]")
        #expect(try audit[0].decode(4, as: Int.self) == 120)

        // Nothing else is due: an empty claim changes nothing and audits nothing.
        #expect(try await TaskQueueFixture.claim(store, worker: "worker-b").isEmpty)
        #expect(try await TaskQueueFixture.auditCount(store, "tasks.claim") == 1)
        #expect(try await TaskQueueFixture.column(store, notDue, "status") == "pending")
        await store.close()
    }

    @Test func limitTakesTheMostUrgent() async throws {
        let store = try await TaskQueueFixture.make()
        var ids: [Int64] = []
        for priority in 0..<12 { ids.append(try await TaskQueueFixture.insert(store, priority: priority)) }
        let first = try await TaskQueueFixture.claim(store, limit: 3)
        #expect(first.map(\.taskId) == Array(ids.reversed().prefix(3)))
        // The default limit is 10.
        #expect(try await TaskQueueFixture.claim(store).count == 9)
        let second = try await TaskQueueFixture.insert(store, priority: 0)
        #expect(try await TaskQueueFixture.claim(store, limit: 100).map(\.taskId) == [second])
        await store.close()
    }

    @Test func kindsAndBranchFilter() async throws {
        let store = try await TaskQueueFixture.make()
        let revisitSH01 = try await TaskQueueFixture.insert(store, kind: "revisit", customer: 1)
        let reviewSH01 = try await TaskQueueFixture.insert(store, kind: "liability_review", customer: 2)
        let revisitSH02 = try await TaskQueueFixture.insert(store, kind: "revisit", customer: 3)
        let tierSH02 = try await TaskQueueFixture.insert(store, kind: "tier_change", customer: 4)
        let noCustomer = try await TaskQueueFixture.insert(store, kind: "revisit", customer: nil)

        let sh02Revisits = try await TaskQueueFixture.claim(store, kinds: ["revisit"], branch: "SH02")
        #expect(sh02Revisits.map(\.taskId) == [revisitSH02])
        let sh01 = try await TaskQueueFixture.claim(store, branch: "SH01")
        #expect(Set(sh01.map(\.taskId)) == [revisitSH01, reviewSH01])
        let kinds = try await TaskQueueFixture.claim(store, kinds: ["tier_change", "revisit"])
        #expect(Set(kinds.map(\.taskId)) == [tierSH02, noCustomer])
        let audit = try await store.value(
            "SELECT detail::text FROM audit_log WHERE action = 'tasks.claim' AND detail ? 'branch' AND detail ? 'kinds'", as: String.self)
        #expect(audit.contains(#""branch": "SH02""#) && audit.contains(#""kinds": ["revisit"]"#), "\(audit)")
        await store.close()
    }

    @Test func paramsAreCheckedBeforeAnythingIsLeased() async throws {
        let store = try await TaskQueueFixture.make()
        try await TaskQueueFixture.insert(store)
        for limit in [0, -1, 101, 1000] {
            await expectRPCError(.invalidParams, path: "params.limit") { _ = try await TaskQueueFixture.claim(store, limit: limit) }
        }
        for seconds in [0, 4, 3601] {
            await expectRPCError(.invalidParams, path: "params.lease_seconds") {
                _ = try await TaskQueueFixture.claim(store, leaseSeconds: seconds)
            }
        }
        for worker in ["", "   ", String(repeating: "w", count: 201)] {
            await expectRPCError(.invalidParams, path: "params.worker") { _ = try await TaskQueueFixture.claim(store, worker: worker) }
        }
        await expectRPCError(.invalidParams, path: "params.kinds") { _ = try await TaskQueueFixture.claim(store, kinds: []) }
        await expectRPCError(.invalidParams, path: "params.kinds[1]") {
            _ = try await TaskQueueFixture.claim(store, kinds: ["revisit", "Tier Change"])
        }
        await expectRPCError(.invalidParams, path: "params.kinds[0]") { _ = try await TaskQueueFixture.claim(store, kinds: ["1st"]) }
        await expectRPCError(.invalidParams, path: "params.branch") { _ = try await TaskQueueFixture.claim(store, branch: "NOPE") }
        #expect(try await store.value("SELECT count(*) FROM tasks WHERE status <> 'pending'", as: Int.self) == 0)
        #expect(try await TaskQueueFixture.auditCount(store, "tasks.claim") == 0)
        // The bounds themselves are fine.
        #expect(try await TaskQueueFixture.claim(store, worker: String(repeating: "w", count: 200), limit: 100, leaseSeconds: 3600).count == 1)
        try await TaskQueueFixture.insert(store)
        #expect(try await TaskQueueFixture.claim(store, limit: 1, leaseSeconds: 5).count == 1)
        await store.close()
    }

    @Test func aPendingTaskWithNoAttemptsLeftIsNotClaimed() async throws {
        let store = try await TaskQueueFixture.make()
        let spent = try await TaskQueueFixture.insert(store, maxAttempts: 1)
        try await store.run("UPDATE tasks SET attempts = 1 WHERE id = \(spent)")
        let fresh = try await TaskQueueFixture.insert(store)
        #expect(try await TaskQueueFixture.claim(store).map(\.taskId) == [fresh])
        await store.close()
    }
}
