/// Why a periodic job's work was refused.
public enum JobError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The lease was taken over or ran out: the holder is no longer the leader, so
    /// its writes are refused.
    case deposed(job: String, holder: String, token: Int64)

    public var description: String {
        switch self {
        case .deposed(let job, let holder, let token):
            return "\(holder) no longer holds the lease on job \(job) (fencing token \(token))"
        }
    }
}
