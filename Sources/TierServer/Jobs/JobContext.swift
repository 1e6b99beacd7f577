import Foundation

/// What a job run is evaluated against: the instant and the policy revision, both
/// recorded with the run.
public struct JobContext: Sendable, Equatable {
    /// The instant the job treats as now (e.g. which SLAs are past due).
    public var now: Date
    /// The policy revision in force, recorded in `job_runs.policy_revision`.
    public var policyRevision: String

    /// Makes a context.
    public init(now: Date = Date(), policyRevision: String) {
        self.now = now
        self.policyRevision = policyRevision
    }
}
