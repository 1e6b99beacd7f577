import Foundation
import Testing
import TierPolicy
@testable import TierServer
import TierStore
import TierSynthetic
import TierTestSupport

/// `tierd report`: the figures gathered from a branch with two classification runs
/// and a worked revisit queue, checked against SQL over the same tables; then the
/// page rendered in headless Chromium, whose own check must find every chart drawn.
@Suite(.serialized) struct BranchReportTests {
    private func run(_ job: any PeriodicJob, _ store: StoreDatabase, policy: LoadedPolicy) async throws {
        let result = try await JobRunner.run(
            job, holder: "report-test", ttl: .seconds(120), scheduledFor: nil,
            context: JobContext(now: Date(), policy: policy), pool: store.pool)
        guard case .succeeded = result else { throw StoreTestError("\(type(of: job)) did not run: \(result)") }
    }

    /// 300 customers classified twice, premiums moved between the runs, revisit calls
    /// queued and some of them worked.
    private func branch() async throws -> (StoreDatabase, LoadedPolicy) {
        let store = try await StoreDatabase.synthetic(customers: 300, seed: 11)
        let policy = try StorePolicies.branch()
        try await run(ClassifyJob(), store, policy: policy)
        try await store.run("""
            UPDATE policies SET premium = 1 WHERE customer_id IN (
                SELECT customer_id FROM classification_snapshots WHERE value_tier <> 'ordinary' AND customer_id % 2 = 0);
            UPDATE policies SET premium = premium * 4 WHERE customer_id % 7 = 0 AND customer_id % 2 = 1;
            """)
        try await run(ClassifyJob(), store, policy: policy)
        try await run(RevisitJob(), store, policy: policy)
        try await store.run("""
            UPDATE tasks SET status = 'done', attempts = 1, completed_at = now(),
                   outcome = CASE WHEN id % 3 = 0 THEN 'no_answer' ELSE 'reached' END,
                   churn_reason = CASE WHEN id % 3 = 0 THEN NULL WHEN id % 2 = 0 THEN 'price' ELSE 'moved' END
            WHERE kind = 'revisit' AND id % 2 = 0;
            UPDATE tasks SET attempts = 1 WHERE kind = 'revisit' AND id % 5 = 1 AND status = 'pending';
            """)
        return (store, policy)
    }

    @Test func theFiguresAreTheTablesFigures() async throws {
        let (store, policy) = try await branch()
        let report = try await store.query { try BranchReportQuery(policy: policy).run(asOf: WireTime.today(), on: $0) }

        #expect(report.customers == 300)
        let latest = try await store.value("SELECT max(id) FROM classification_runs", as: Int64.self)
        #expect(report.latestRun == latest)
        // RFM and ABC as the latest run's snapshots have them.
        let rfm = try await store.query { connection in
            try connection.execute("SELECT rfm_type, count(*) FROM classification_snapshots WHERE run_id = $1 GROUP BY 1", [latest])
                .map { (Int(try $0.decode(0, as: Int16.self)), Int(try $0.decode(1, as: Int64.self))) }
        }
        #expect(report.rfm == (1...8).map { type in rfm.first { $0.0 == type }?.1 ?? 0 })
        let classA = try await store.value(
            "SELECT count(*) FROM classification_snapshots WHERE run_id = $1 AND abc_class = 'A'", [latest], as: Int64.self)
        #expect(report.abcCuts.map(\.abcClass) == ["A", "B"])
        #expect(abs(report.abcCuts[0].customerShare - Double(classA) / 300) < 1e-9)
        #expect(report.pareto.last == BranchReport.ParetoPoint(customerShare: 1, premiumShare: 1))
        #expect(zip(report.pareto, report.pareto.dropFirst()).allSatisfy { $0.premiumShare <= $1.premiumShare })
        #expect(report.pareto.first!.premiumShare >= report.pareto.first!.customerShare, "the top customers hold more than their share")

        // Two runs; the second one's movements are tier_history's.
        #expect(report.runs.count == 2)
        let (up, down) = try await store.query { connection in
            let row = try connection.execute(
                """
                SELECT count(*) FILTER (WHERE direction = 'up'), count(*) FILTER (WHERE direction = 'down')
                FROM tier_history WHERE run_id = $1 AND tier_kind = 'value'
                """, [latest])[0]
            return (Int(try row.decode(0, as: Int64.self)), Int(try row.decode(1, as: Int64.self)))
        }
        #expect(report.runs[1].upgrades == up && report.runs[1].downgrades == down)
        #expect(up > 0 && down > 0)
        #expect(report.runs.allSatisfy { $0.tiers.values.reduce(0, +) == 300 })
        #expect(report.tierOrder.first == "diamond")

        // Costs cover every customer once; the revisit figures are the queue's.
        #expect(report.costs.map(\.activeCustomers).reduce(0, +) == 300)
        let queue = try await store.query { connection in
            let row = try connection.execute(
                """
                SELECT count(*), count(*) FILTER (WHERE attempts > 0), count(*) FILTER (WHERE status = 'done'),
                       count(*) FILTER (WHERE outcome = 'reached'), count(*) FILTER (WHERE churn_reason = 'price')
                FROM tasks WHERE kind = 'revisit'
                """)[0]
            return try (0..<5).map { Int(try row.decode($0, as: Int64.self)) }
        }
        try #require(queue[0] > 0, "the synthetic branch has lapsed customers")
        #expect(report.funnel.map(\.count) == Array(queue[0..<4]))
        #expect(report.outcomes.first { $0.label == "reached" }?.count == queue[3])
        #expect(report.churnReasons.first { $0.label == "price" }?.count == queue[4])

        let html = BranchReportHTML.render(report)
        #expect(html.components(separatedBy: #"<svg class="chart""#).count - 1 == 6)
        #expect(!html.contains("No data yet"))
        await store.close()
    }

    @Test func chromiumDrawsEveryChartOfTheReport() async throws {
        let (store, policy) = try await branch()
        var candidate = try StorePolicies.branchSources()
        let vip = try #require(candidate.firstIndex { $0.name.hasSuffix("vip.yaml") })
        candidate[vip].text = candidate[vip].text.replacingOccurrences(of: "history.annual_premium >= 50000", with: "history.annual_premium >= 30000")
        let query = BranchReportQuery(policy: policy, candidate: try StorePolicies.load(candidate))
        let report = try await store.query { try query.run(asOf: WireTime.today(), on: $0) }
        await store.close()
        #expect(report.simulation?.movements.isEmpty == false)

        let directory = NSTemporaryDirectory() + "tierd-report-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try BranchReportHTML.render(report).write(toFile: directory + "/index.html", atomically: true, encoding: .utf8)

        // The browser runs for seconds: wait for it on a thread of its own, not on
        // one of the few threads every test's async work shares.
        let script = repositoryRoot() + "/scripts/report-screenshot"
        let (status, printed, complaint) = try await TestCluster.offloaded { () throws -> (Int32, String, String) in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: script)
            process.arguments = [directory]
            let output = Pipe()
            let errors = Pipe()
            process.standardOutput = output
            process.standardError = errors
            try process.run()
            let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            let complaint = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            return (process.terminationStatus, printed, complaint)
        }
        #expect(status == 0, "scripts/report-screenshot failed: \(complaint)")
        // Six report charts and the simulation's, each laid out with marks on screen.
        #expect(printed.trimmingCharacters(in: .whitespacesAndNewlines) == "charts=7 drawn=7")
        let png = try Data(contentsOf: URL(fileURLWithPath: directory + "/screenshot.png"))
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]), "a PNG")
        #expect(png.count > 50_000, "a page of charts, not a blank one: \(png.count) bytes")
    }
}
