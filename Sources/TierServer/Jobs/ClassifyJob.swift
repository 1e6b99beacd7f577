import Foundation
import TierPolicy
import TierStore

/// Classifies every customer (seed 004 §1.1: "客户分类不是一次性的行动"): RFM type,
/// ABC class, quadrant (``ClassificationQuery/classes(facts:valueTier:)``, with the
/// policy's `settings.classification`) and the VIP tier (the policy's `value_table`),
/// as one `classification_runs` row with a `classification_snapshots` row per customer.
///
/// The VIP tier is decided the cheapest way the table allows, always with the result
/// a full decision would give (tests hold each way to that):
/// - rows that compare history counts or premiums with numbers become a SQL `CASE`
///   (``ValueTierSQL``) and the snapshots are one `INSERT … SELECT` in the server;
/// - other tables reading only purchase history get those facts as columns of the
///   classification statement (``ClassificationFacts``): customers stream through a
///   cursor, the tier is decided in process, each batch is written with COPY;
/// - otherwise each customer's full facts are loaded and decided, still streamed.
/// The branch is never held in memory. Then every change against the previous
/// succeeded run becomes a `tier_history` row, the run is marked succeeded, and each
/// customer whose value tier moved (not a first classification) is evaluated again:
/// the tasks planned by the policy's rules that read `classification.tier_change`
/// (e.g. an upgrade welcome call) are queued. Rerunning on unchanged data writes a new
/// run and its snapshots but no history and no tasks.
///
/// Counts: `customers`, `rfm_1` … `rfm_8`, `abc_a`/`abc_b`/`abc_c`, one per quadrant,
/// `tier_changes` (history rows), `upgrades`, `downgrades` (value tier), `tasks`.
public struct ClassifyJob: PeriodicJob {
    public static let name = "classify"
    /// Customers fetched, evaluated and copied per round trip.
    static let batchSize = 1000

    public init() {}

    public func run(lease: JobLease, context: JobContext, on connection: PGConnection) throws -> [String: Int] {
        let policy = context.policy
        let settings = policy.set.settings.classification
        let today = PGDate(daysSinceEpoch: context.today)
        let runId: Int64 = try connection.executePrepared(
            "INSERT INTO classification_runs (as_of, policy_revision) VALUES ($1::date, $2::text) RETURNING id",
            [today, context.policyRevision])[0].decode(0)
        var counts: [String: Int] = ["customers": 0, "abc_a": 0, "abc_b": 0, "abc_c": 0]
        for type in 1...8 { counts["rfm_\(type)"] = 0 }
        for quadrant in Self.quadrants { counts[quadrant] = 0 }
        let valueTable = policy.set.tiers.first { $0.name == settings.valueTable }
        // The value tier from facts computed in the same pass when the table reads
        // only purchase history: in SQL when its rows compile to a CASE, else in process;
        // otherwise from each customer's full facts.
        let inPass = valueTable.flatMap { ClassificationFacts(policy.set, table: $0.name) }
        let parameters: PGParameters = [
            today, Int32(settings.windowDays), settings.abcCuts[0].description, settings.abcCuts[1].description,
            Int32(settings.loyalAfterDays),
        ]
        if let valueTable, let inPass, let tierSQL = ValueTierSQL.caseExpression(valueTable, columns: inPass.numericColumns) {
            let classes = ClassificationQuery.classes(facts: inPass.columns.map { ($0.name, $0.aggregate) }, valueTier: tierSQL)
            try connection.executePrepared(ClassificationQuery.insertSnapshots(classes), parameters + [runId])
            for row in try connection.executePrepared(ClassificationQuery.snapshotCounts, [runId]) {
                let count = Int(try row.decode(3, as: Int64.self))
                if let rfm = try row.decode(0, as: Int32?.self) {
                    counts["rfm_\(rfm)", default: 0] += count
                    counts["customers", default: 0] += count
                } else if let abc = try row.decode(1, as: String?.self) {
                    counts["abc_\(abc.lowercased())", default: 0] += count
                } else if let quadrant = try row.decode(2, as: String?.self) {
                    counts[quadrant, default: 0] += count
                }
            }
        } else {
            try snapshotStreamed(runId: runId, parameters: parameters, valueTable: valueTable, inPass: inPass,
                                 context: context, counts: &counts, on: connection)
        }
        let history = try connection.executePrepared(
            ClassificationQuery.history, [runId, "{\(valueTable?.tierNames.joined(separator: ",") ?? "")}", context.policyRevision])[0]
        counts["tier_changes"] = try history.decode(0)
        counts["upgrades"] = try history.decode(1)
        counts["downgrades"] = try history.decode(2)
        counts["tasks"] = 0
        try finish(runId, counts: counts, on: connection)
        // The facts now read this run (succeeded, in this transaction) and its changes.
        let kinds = Set(policy.set.tasks.filter { $0.condition.factsRead.contains("classification.tier_change") }.map(\.kind))
        if !kinds.isEmpty {
            let changed = try connection.executePrepared(ClassificationQuery.valueChanges, [runId]).map { try $0.decode(0, as: Int64.self) }
            var tasks = 0
            for customerId in changed {
                let planned = try context.decision(for: customerId, on: connection).tasks
                tasks += try PlannedTaskWriter.insert(planned, customerId: customerId, kinds: kinds, on: connection)
            }
            counts["tasks"] = tasks
            try finish(runId, counts: counts, on: connection)
        }
        return counts
    }

    /// Streams the classes through a cursor, decides each customer's value tier in
    /// process, and copies the snapshots back, a batch at a time.
    private func snapshotStreamed(
        runId: Int64, parameters: PGParameters, valueTable: TierTable?, inPass: ClassificationFacts?,
        context: JobContext, counts: inout [String: Int], on connection: PGConnection
    ) throws {
        let policy = context.policy
        try connection.forEachBatch(
            ClassificationQuery.classes(facts: inPass?.columns.map { ($0.name, $0.aggregate) } ?? []),
            parameters,
            batchSize: Self.batchSize
        ) { batch in
            var rows: [[String?]] = []
            rows.reserveCapacity(batch.count)
            for row in batch {
                let customerId: Int64 = try row.decode(0)
                let rDays: Int32? = try row.decode(1)
                let rfm: Int32 = try row.decode(4)
                let abc: String = try row.decode(5)
                let quadrant: String = try row.decode(6)
                var tier: String?
                if let valueTable, let inPass {
                    let facts = try inPass.facts(row, offset: 7, customerId: customerId, asOf: context.today)
                    if case .string(let name) = policy.evaluator.tier(valueTable.name, facts) { tier = name }
                } else if let valueTable {
                    tier = try context.decision(for: customerId, on: connection).tier(valueTable.name)
                }
                rows.append([String(runId), String(customerId), String(rfm), rDays.map(String.init),
                             String(try row.decode(2, as: Int64.self)), try row.decode(3, as: String.self), abc, quadrant, tier])
                counts["customers", default: 0] += 1
                counts["rfm_\(rfm)", default: 0] += 1
                counts["abc_\(abc.lowercased())", default: 0] += 1
                counts[quadrant, default: 0] += 1
            }
            _ = try connection.copyIn(
                """
                COPY classification_snapshots (run_id, customer_id, rfm_type, r_days, f_count, m_value, abc_class, quadrant, value_tier)
                FROM STDIN
                """
            ) { writer in
                for fields in rows { try writer.append(texts: fields) }
            }
        }
    }

    /// The quadrant names (and their counts' names).
    static let quadrants = [
        "high_loyalty_high_profit", "high_loyalty_low_profit", "low_loyalty_high_profit", "low_loyalty_low_profit",
    ]

    private func finish(_ runId: Int64, counts: [String: Int], on connection: PGConnection) throws {
        try connection.executePrepared(
            """
            UPDATE classification_runs SET status = 'succeeded', finished_at = clock_timestamp(), counts = $2::jsonb
            WHERE id = $1::bigint
            """, [runId, try PGJSON(encoding: counts)])
    }
}
