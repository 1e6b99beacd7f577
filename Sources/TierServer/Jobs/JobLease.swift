import Foundation

/// A holder's lease on a periodic job: while it is live, only `holder` runs the job,
/// and its writes are accepted only while `token` is still the job's fencing token.
public struct JobLease: Sendable, Equatable {
    /// The job's name, e.g. `sla`.
    public var job: String
    /// Who holds the lease (a daemon instance, or `cli:<host>:<pid>`).
    public var holder: String
    /// The fencing token: incremented by every takeover, kept by a renewal.
    public var token: Int64
    /// When the lease runs out unless renewed.
    public var expiresAt: Date

    /// Makes a lease value (the database is the authority; see ``JobLeases``).
    public init(job: String, holder: String, token: Int64, expiresAt: Date) {
        self.job = job
        self.holder = holder
        self.token = token
        self.expiresAt = expiresAt
    }
}
