import TierStore

/// A job that one leader among the daemons runs on a schedule (or an operator runs
/// on demand), through ``JobRunner``.
public protocol PeriodicJob: Sendable {
    /// The job's name: its lease key and `job_runs.job` (`^[a-z][a-z0-9_]*$`).
    static var name: String { get }

    /// Does the work inside the runner's write transaction, after the runner checked
    /// that `lease` is current; returns what it did as named counts. Blocking: it runs
    /// on the connection's worker thread.
    func run(lease: JobLease, context: JobContext, on connection: PGConnection) throws -> [String: Int]
}
