import Foundation
import TierPolicy
import TierStore

/// What a job run is evaluated against: the instant and the policy revision, both
/// recorded with the run.
public struct JobContext: Sendable {
    /// The instant the job treats as now (e.g. which SLAs are past due).
    public var now: Date
    /// The policy set in force: its settings and rules decide what the jobs do.
    public var policy: LoadedPolicy

    /// Makes a context.
    public init(now: Date = Date(), policy: LoadedPolicy) {
        self.now = now
        self.policy = policy
    }

    /// The revision recorded in `job_runs.policy_revision`.
    public var policyRevision: String { policy.revision }

    /// The as-of day of `now` (days since 1970-01-01) in the local time zone: the
    /// day the jobs' policy evaluations are made for.
    public var today: Int { WireTime.today(now) }

    /// The policy's decision for a customer on the job's day, its facts loaded on
    /// `connection` (the job's transaction, so it sees the job's own writes).
    func decision(for customerId: Int64, on connection: PGConnection) throws -> Decision {
        let customer = try FactLoader.load(customerId: customerId, asOf: today, channel: "other", policy: policy, on: connection)
        return policy.evaluator.evaluate(customer.facts, quotaUsed: customer.quotaUsed)
    }
}
