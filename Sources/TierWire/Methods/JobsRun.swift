/// `jobs.run {job}`: runs a periodic job now in the daemon that receives the call,
/// under the job's leader lease, and answers with what the run did.
public enum JobsRun: RPCMethod {
    public static let name = "jobs.run"
    public static let roles: Set<Role> = [.admin]
    public static let writes = true

    /// Which job.
    public struct Params: Codable, Sendable, Hashable {
        /// The job's name: `classify`, `revisit`, `loyalty`, `referral`, `risk` or `sla`.
        public var job: String

        public init(job: String) { self.job = job }
    }

    /// What came of the run.
    public struct Result: Codable, Sendable, Hashable {
        public var job: String
        /// `succeeded`; or `skipped` when another daemon holds the job's lease.
        public var status: String
        /// The `job_runs` row, when the job ran.
        public var runId: Int64?
        /// What the run did, when it ran (e.g. `{"overdue": 3, "escalated": 1}`).
        public var counts: [String: Int]?
        /// The lease holder, when skipped.
        public var heldBy: String?

        enum CodingKeys: String, CodingKey {
            case job, status, counts
            case runId = "run_id"
            case heldBy = "held_by"
        }

        public init(job: String, status: String, runId: Int64? = nil, counts: [String: Int]? = nil, heldBy: String? = nil) {
            self.job = job
            self.status = status
            self.runId = runId
            self.counts = counts
            self.heldBy = heldBy
        }
    }
}
