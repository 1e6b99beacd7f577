import Logging
import TierStore

/// The method implementations, built once per daemon.
struct DaemonServices: Sendable {
    let pool: PGPool
    let policies: PolicyHolder
    let entitlements: EntitlementService
    let admin: PolicyService
    let jobs: JobService
    let logger: Logger

    init(pool: PGPool, policies: PolicyHolder, decisionLog: DecisionLogWriter, scheduler: JobScheduler, logger: Logger) {
        self.pool = pool
        self.policies = policies
        entitlements = EntitlementService(pool: pool, policies: policies, decisionLog: decisionLog)
        admin = PolicyService(pool: pool, policies: policies, logger: logger)
        jobs = JobService(scheduler: scheduler, pool: pool)
        self.logger = logger
    }
}
