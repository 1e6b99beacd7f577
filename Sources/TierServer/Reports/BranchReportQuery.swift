import TierCalendar
import TierPolicy
import TierStore
import TierWire

/// Gathers a ``BranchReport`` from the database: the latest classification runs,
/// the revisit queue, and every customer decided under the active policy for the
/// cost per tier (streamed, as ``PolicySimulator`` does). Read-only; blocking.
public struct BranchReportQuery: Sendable {
    /// The policy set serving (costs and budgets, the value table).
    public var policy: LoadedPolicy
    /// A candidate set to simulate beside it, if any.
    public var candidate: LoadedPolicy?
    /// Classification runs shown over time.
    public var runLimit: Int

    public init(policy: LoadedPolicy, candidate: LoadedPolicy? = nil, runLimit: Int = 12) {
        self.policy = policy
        self.candidate = candidate
        self.runLimit = max(1, runLimit)
    }

    /// The report for day `asOf`. `progress` hears each phase's name and, during the
    /// walks over the customers, how many are done of how many.
    public func run(
        asOf: Int, on connection: PGConnection, progress: ((_ phase: String, _ done: Int, _ total: Int?) -> Void)? = nil
    ) throws -> BranchReport {
        progress?("classes", 0, nil)
        let customers = Int(try connection.execute("SELECT count(*) FROM customers").scalar(Int64.self))
        let latest = try connection.execute(
            "SELECT id FROM classification_runs WHERE status = 'succeeded' ORDER BY id DESC LIMIT 1"
        ).first.map { try $0.decode(0, as: Int64.self) }
        let (pareto, cuts) = try latest.map { try paretoCurve(run: $0, on: connection) } ?? ([], [])
        let rfm = try latest.map { try rfmCounts(run: $0, on: connection) } ?? Array(repeating: 0, count: 8)
        let runs = try runTiers(on: connection)
        progress?("revisits", 0, nil)
        let (funnel, outcomes, reasons) = try revisits(on: connection)

        let costs = try PolicySimulator(active: policy, candidate: policy, samples: 0)
            .run(asOf: asOf, on: connection) { progress?("costs", $0, $1) }.costs
        let simulation = try candidate.map { candidate in
            try PolicySimulator(active: policy, candidate: candidate, samples: 5)
                .run(asOf: asOf, on: connection) { progress?("simulate", $0, $1) }
        }
        let valueTable = policy.set.tiers.first { $0.name == policy.set.settings.classification.valueTable }
        return BranchReport(
            asOf: CivilDate.format(asOf), revision: policy.revision, customers: customers, latestRun: latest,
            pareto: pareto, abcCuts: cuts, runs: runs, tierOrder: valueTable?.tierNames ?? [], rfm: rfm, costs: costs,
            funnel: funnel, outcomes: outcomes, churnReasons: reasons, simulation: simulation)
    }

    /// The run's customers by monetary value, highest first: cumulative shares at
    /// about 200 evenly spaced ranks (and the last), and where classes A and B end.
    private func paretoCurve(run: Int64, on connection: PGConnection) throws -> ([BranchReport.ParetoPoint], [BranchReport.AbcCut]) {
        let rows = try connection.executePrepared(
            """
            WITH ranked AS (
                SELECT abc_class,
                       row_number() OVER (ORDER BY m_value DESC, customer_id) AS n,
                       count(*) OVER () AS total,
                       sum(m_value) OVER (ORDER BY m_value DESC, customer_id) AS running,
                       sum(m_value) OVER () AS whole,
                       lead(abc_class) OVER (ORDER BY m_value DESC, customer_id) AS next_class
                FROM classification_snapshots WHERE run_id = $1::bigint
            )
            SELECT n::float8 / total, CASE WHEN whole > 0 THEN (running / whole)::float8 ELSE 0 END,
                   CASE WHEN next_class IS DISTINCT FROM abc_class AND next_class IS NOT NULL THEN abc_class END
            FROM ranked
            WHERE n % greatest(total / 200, 1) = 0 OR n = total OR (next_class IS DISTINCT FROM abc_class AND next_class IS NOT NULL)
            ORDER BY n
            """, [run])
        var points: [BranchReport.ParetoPoint] = []
        var cuts: [BranchReport.AbcCut] = []
        for row in rows {
            let point = BranchReport.ParetoPoint(customerShare: try row.decode(0), premiumShare: try row.decode(1))
            points.append(point)
            if let ending = try row.decode(2, as: String?.self) {
                cuts.append(.init(abcClass: ending, customerShare: point.customerShare, premiumShare: point.premiumShare))
            }
        }
        return (points, cuts)
    }

    private func rfmCounts(run: Int64, on connection: PGConnection) throws -> [Int] {
        var counts = Array(repeating: 0, count: 8)
        for row in try connection.executePrepared(
            "SELECT rfm_type, count(*) FROM classification_snapshots WHERE run_id = $1::bigint GROUP BY 1", [run]) {
            let type = Int(try row.decode(0, as: Int16.self))
            if (1...8).contains(type) { counts[type - 1] = Int(try row.decode(1, as: Int64.self)) }
        }
        return counts
    }

    /// The latest runs' value tiers and value-tier movements, oldest first.
    private func runTiers(on connection: PGConnection) throws -> [BranchReport.RunTiers] {
        let rows = try connection.executePrepared(
            """
            WITH recent AS (
                SELECT id, as_of FROM classification_runs WHERE status = 'succeeded' ORDER BY id DESC LIMIT $1::int
            )
            SELECT r.id, r.as_of::text, s.value_tier, count(*),
                   (SELECT count(*) FROM tier_history h WHERE h.run_id = r.id AND h.tier_kind = 'value' AND h.direction = 'up'),
                   (SELECT count(*) FROM tier_history h WHERE h.run_id = r.id AND h.tier_kind = 'value' AND h.direction = 'down')
            FROM recent r JOIN classification_snapshots s ON s.run_id = r.id
            GROUP BY r.id, r.as_of, s.value_tier
            ORDER BY r.id
            """, [Int32(runLimit)])
        var runs: [BranchReport.RunTiers] = []
        for row in rows {
            let id: Int64 = try row.decode(0)
            if runs.last?.runId != id {
                runs.append(.init(runId: id, asOf: try row.decode(1), tiers: [:],
                                  upgrades: Int(try row.decode(4, as: Int64.self)), downgrades: Int(try row.decode(5, as: Int64.self))))
            }
            let tier = try row.decode(2, as: String?.self) ?? "-"
            runs[runs.count - 1].tiers[tier, default: 0] += Int(try row.decode(3, as: Int64.self))
        }
        return runs
    }

    /// The revisit funnel, outcomes and churn reasons.
    private func revisits(on connection: PGConnection) throws -> ([BranchReport.Count], [BranchReport.Count], [BranchReport.Count]) {
        let row = try connection.execute(
            """
            SELECT count(*),
                   count(*) FILTER (WHERE attempts > 0),
                   count(*) FILTER (WHERE status IN ('done', 'failed', 'dead')),
                   count(*) FILTER (WHERE status = 'done' AND outcome = 'reached')
            FROM tasks WHERE kind = 'revisit'
            """)[0]
        let funnel = try ["queued", "attempted", "finished", "reached"].enumerated().map { index, label in
            BranchReport.Count(label: label, count: Int(try row.decode(index, as: Int64.self)))
        }
        func counts(_ column: String) throws -> [BranchReport.Count] {
            try connection.execute(
                "SELECT \(column), count(*) FROM tasks WHERE kind = 'revisit' AND \(column) IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1"
            ).map { BranchReport.Count(label: try $0.decode(0), count: Int(try $0.decode(1, as: Int64.self))) }
        }
        return (funnel, try counts("outcome"), try counts("churn_reason"))
    }
}
