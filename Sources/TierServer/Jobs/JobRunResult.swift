import Foundation

/// What came of ``JobRunner/run(_:holder:ttl:scheduledFor:context:pool:)``.
public enum JobRunResult: Sendable, Equatable {
    /// The job ran and its run row (`job_runs.id`) records these counts.
    case succeeded(runId: Int64, counts: [String: Int])
    /// Another holder's lease is live, so this holder did not run the job.
    case skipped(heldBy: String)
    /// The scheduled slot already has a run (another daemon ran it, or is running it).
    case alreadyRan(scheduledFor: Date)
}
