import TierStore

/// Risk-disclosure letters (seed 004 §2.2.4 (1)): every policy issued within
/// `settings.risk.new_policy_within` up to the job's day (not cancelled) whose
/// customer is in `settings.risk.letter_segment` (by the policy's own decision
/// for the customer) gets one `risk_disclosure_letter` task, keyed
/// `risk_disclosure_letter:<policy id>`, so a policy gets its letter once however
/// often the job runs. Counts: `new_policies`, `in_segment` (of them, those whose
/// customer is in the segment), `letters` (tasks new in this run). A set with no
/// letter segment opens no letters.
public struct RiskJob: PeriodicJob {
    public static let name = "risk"
    /// The letter tasks' kind.
    public static let kind = "risk_disclosure_letter"

    public init() {}

    public func run(lease: JobLease, context: JobContext, on connection: PGConnection) throws -> [String: Int] {
        let settings = context.policy.set.settings.risk
        let today = context.today
        var newPolicies = 0, inSegment = 0, letters = 0
        guard let segment = settings.letterSegment else { return ["new_policies": 0, "in_segment": 0, "letters": 0] }
        // Policies of one customer arrive together (ordered by customer), so each
        // customer is evaluated once.
        var current: (customerId: Int64, inSegment: Bool)?
        try connection.forEachBatch(
            """
            SELECT p.id, p.customer_id, p.policy_no, p.product_line FROM policies p
            WHERE p.issued_on > $1::date - $2::int AND p.issued_on <= $1::date AND p.status <> 'cancelled'
            ORDER BY p.customer_id, p.id
            """, [PGDate(daysSinceEpoch: today), Int32(settings.newPolicyWithinDays)], batchSize: 500
        ) { batch in
            for row in batch {
                let policyId: Int64 = try row.decode(0), customerId: Int64 = try row.decode(1)
                newPolicies += 1
                if current?.customerId != customerId {
                    current = (customerId, try context.decision(for: customerId, on: connection).segments.contains(segment))
                }
                guard current?.inSegment == true else { continue }
                inSegment += 1
                let created = try connection.executePrepared(
                    """
                    INSERT INTO tasks (kind, customer_id, payload, priority, idempotency_key)
                    VALUES ('risk_disclosure_letter', $1::bigint,
                            jsonb_build_object('policy_id', $2::bigint, 'policy_no', $3::text, 'product_line', $4::text,
                                               'segment', $5::text),
                            $6::smallint, 'risk_disclosure_letter:' || $2::bigint)
                    ON CONFLICT ON CONSTRAINT tasks_idempotency_key_key DO NOTHING
                    RETURNING id
                    """,
                    [customerId, policyId, try row.decode(2, as: String.self), try row.decode(3, as: String.self), segment,
                     Int16(settings.letterPriority)])
                letters += created.count
            }
        }
        return ["new_policies": newPolicies, "in_segment": inSegment, "letters": letters]
    }
}
