import Foundation
import Testing
import TierServer
import TierStore
import TierSynthetic
import TierWire

/// The revisit job: one task per lapse episode, for exactly the customers
/// `revisits.list` shows.
@Suite struct JobsRevisitTests {
    /// Noon UTC on a fixed day, so the dates below do not move with the clock.
    static let now = Date(timeIntervalSince1970: 1_790_000_000)
    static var context: JobContext { JobContext(now: now, policy: JobsFixture.policy) }
    static var today: Int { context.today }

    static func day(_ daysAgo: Int) -> String { WireTime.formatDay(today - daysAgo) }

    private func run(_ store: StoreDatabase, at context: JobContext = context) async throws -> [String: Int] {
        let result = try await JobRunner.run(
            RevisitJob(), holder: "daemon-a", ttl: .seconds(60), scheduledFor: nil, context: context, pool: store.pool)
        guard case .succeeded(_, let counts) = result else { throw StoreTestError("revisit job did not run: \(result)") }
        return counts
    }

    /// Customers 1..4 whose last purchases are 729, 730, 731 and 1,000 days old;
    /// customer 5 never bought.
    static let script = """
        INSERT INTO branches (id, code, name) VALUES (1, 'SH01', '上海分公司');
        INSERT INTO households (id, branch_id) VALUES (1, 1), (2, 1), (3, 1), (4, 1), (5, 1);
        INSERT INTO customers (id, name, branch_id, household_id) VALUES
            (1, '甲', 1, 1), (2, '乙', 1, 2), (3, '丙', 1, 3), (4, '丁', 1, 4), (5, '戊', 1, 5);
        INSERT INTO policies (policy_no, customer_id, product_code, product_line, term, premium, issued_on, channel) VALUES
            ('P1', 1, 'ACC1', 'accident', 'short', 300, '\(day(729))', 'counter'),
            ('P2', 2, 'ACC1', 'accident', 'short', 300, '\(day(730))', 'counter'),
            ('P3', 3, 'ACC1', 'accident', 'short', 300, '\(day(731))', 'counter'),
            ('P4a', 4, 'LIFE1', 'life', 'long', 5000, '\(day(2000))', 'agent'),
            ('P4b', 4, 'ACC1', 'accident', 'short', 300, '\(day(1000))', 'counter');
        SELECT sync_identity_sequences();
        """

    @Test func lapseBoundaryIs730DaysAndASecondRunCreatesNothing() async throws {
        let store = try await StoreDatabase.make(connections: 2, script: Self.script)
        // 730 days is not lapsed (the last purchase must be *more* than 730 days old).
        #expect(try await run(store) == ["lapsed": 2, "planned": 2, "created": 2])
        let keys = try await store.query { connection in
            try connection.execute("SELECT idempotency_key, status FROM tasks WHERE kind = 'revisit' ORDER BY customer_id")
                .map { "\(try $0.decode(0, as: String.self)) \(try $0.decode(1, as: String.self))" }
        }
        #expect(keys == ["revisit:3:\(Self.day(731)) pending", "revisit:4:\(Self.day(1000)) pending"])
        #expect(try await run(store) == ["lapsed": 2, "planned": 2, "created": 0])
        #expect(try await store.value("SELECT count(*) FROM tasks", as: Int64.self) == 2)
        await store.close()
    }

    @Test func aNewLapseEpisodeOpensANewTaskAndBuyingAgainEndsTheEpisode() async throws {
        let store = try await StoreDatabase.make(connections: 2, script: Self.script)
        _ = try await run(store)
        // Customer 3 buys again 100 days ago: not lapsed any more, no new task.
        _ = try await store.query {
            try $0.execute(
                """
                INSERT INTO policies (policy_no, customer_id, product_code, product_line, term, premium, issued_on, channel)
                VALUES ('P3b', 3, 'ACC1', 'accident', 'short', 300, $1::date, 'counter')
                """, [PGDate(daysSinceEpoch: Self.today - 100)])
        }
        #expect(try await run(store) == ["lapsed": 1, "planned": 1, "created": 0])
        // 1,000 days later customer 3 has lapsed again: a second episode, a second task.
        let later = JobContext(now: Self.now.addingTimeInterval(1000 * 86_400), policy: JobsFixture.policy)
        let counts = try await run(store, at: later)
        // Customer 3's new episode, and customers 1 and 2 (lapsed by then); 4 is still in its episode.
        #expect(counts == ["lapsed": 4, "planned": 4, "created": 3])
        let customer3 = try await store.query { connection in
            try connection.execute("SELECT idempotency_key FROM tasks WHERE customer_id = 3 ORDER BY id")
                .map { try $0.decode(0, as: String.self) }
        }
        #expect(customer3 == ["revisit:3:\(Self.day(731))", "revisit:3:\(Self.day(100))"])
        await store.close()
    }

    @Test func theQueueAndRevisitsListAgreeOnASyntheticBranch() async throws {
        let store = try await StoreDatabase.make()
        let today = SyntheticBranch.todayUTC()
        try await store.query { connection in
            _ = try SyntheticBranch(profile: SyntheticBranchProfile(customers: 600), seed: 11, asOf: today).load(into: connection)
        }
        let counts = try await run(store, at: JobContext(now: Date(), policy: JobsFixture.policy))
        var listed: [Int64] = []
        var params = RevisitsList.Params(limit: 200)
        while true {
            let page = try await RevisitService.list(params, policy: JobsFixture.policy, today: WireTime.today(), pool: store.pool)
            listed += page.customers.map(\.customerId)
            guard let next = page.nextCursor else { break }
            params.cursor = next
        }
        let queued = try await store.query { connection in
            try connection.execute("SELECT customer_id FROM tasks WHERE kind = 'revisit' ORDER BY customer_id")
                .map { try $0.decode(0, as: Int64.self) }
        }
        #expect(!listed.isEmpty)
        #expect(counts["lapsed"] == listed.count)
        #expect(counts["created"] == listed.count)
        #expect(queued == listed.sorted())
        await store.close()
    }
}
