import TierStore

/// Queues the revisit calls of lapsed returning customers (seed 004 §2.2.3 (3)).
///
/// The candidates are exactly the customers `revisits.list` shows on the job's day
/// (the same statement, ``RevisitQuery``, with the policy's
/// `settings.revisits.lapse_after`), streamed through a cursor. Each is evaluated
/// with the policy, and the `revisit` tasks its rules plan are queued: the branch
/// set keys them `revisit:{customer}:{last purchase}`, so a customer gets one task
/// per lapse episode however often the job runs, and a new one only after buying
/// again and lapsing again. Counts: `lapsed` (candidates), `planned` (candidates the
/// policy planned a revisit for), `created` (tasks new in this run).
public struct RevisitJob: PeriodicJob {
    public static let name = "revisit"
    /// The task kind this job queues.
    public static let kind = "revisit"
    /// Candidates fetched and evaluated per round trip.
    static let batchSize = 500

    public init() {}

    public func run(lease: JobLease, context: JobContext, on connection: PGConnection) throws -> [String: Int] {
        let today = context.today
        let lapseDays = context.policy.set.settings.revisitLapseDays
        var lapsed = 0, planned = 0, created = 0
        try connection.forEachBatch(
            RevisitQuery.sql,
            [PGDate(daysSinceEpoch: today), PGDate(daysSinceEpoch: today - lapseDays), PGDate?.none, Int64?.none,
             Int64?.none, Int64.max],
            batchSize: Self.batchSize
        ) { batch in
            for row in batch {
                let customerId: Int64 = try row.decode(0)
                lapsed += 1
                let revisits = try context.decision(for: customerId, on: connection).tasks.filter { $0.kind == Self.kind }
                if !revisits.isEmpty { planned += 1 }
                created += try PlannedTaskWriter.insert(revisits, customerId: customerId, on: connection)
            }
        }
        return ["lapsed": lapsed, "planned": planned, "created": created]
    }
}
